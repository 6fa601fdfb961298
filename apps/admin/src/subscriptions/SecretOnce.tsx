import { Alert, Box, Button, TextField } from '@mui/material';
import { useState } from 'react';

/** A secret shown once, with a copy button: the API never shows it again. */
export function SecretOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Box sx={{ mt: 2 }} role="region" aria-label={label}>
      <Alert severity="warning" sx={{ mb: 1 }}>
        Copy it now: it is shown only this once.
      </Alert>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <TextField
          label={label}
          value={value}
          fullWidth
          size="small"
          slotProps={{ input: { readOnly: true } }}
          onFocus={(e) => e.target.select()}
        />
        <Button
          variant="contained"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button onClick={onDone}>Done</Button>
      </Box>
    </Box>
  );
}
