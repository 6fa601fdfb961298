import { Typography } from '@mui/material';

/** Every page's visible heading (react-admin's app bar title is not a heading). */
export function PageTitle({ children }: { children: string }) {
  return (
    <Typography variant="h5" component="h1" sx={{ mt: 2, mb: 1 }}>
      {children}
    </Typography>
  );
}
