import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin } from 'react-admin';

/** Sign in with an API key; a wrong key says so plainly. */
export function LoginPage() {
  const login = useLogin();
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ apiKey });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="main" sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', bgcolor: 'grey.100' }}>
      <Card sx={{ width: 420 }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            Trade Timeline admin
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Sign in with your API key. It is kept in this browser tab only.
          </Typography>
          <Box component="form" onSubmit={submit} noValidate sx={{ mt: 2 }}>
            <TextField
              id="api-key"
              label="API key"
              type="password"
              autoComplete="off"
              fullWidth
              autoFocus
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              error={Boolean(error)}
            />
            {error && (
              <Alert severity="error" role="alert" sx={{ mt: 2 }}>
                {error}
              </Alert>
            )}
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>
              Sign in
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
