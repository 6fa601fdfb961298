import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, useNotify } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiBody } from '../api/http';
import { PageTitle } from '../layout/PageTitle';
import { summarizeFilter } from './filter';
import { SecretOnce } from './SecretOnce';
import { successRate, type Subscription } from './Subscriptions';

/** One subscription: rotate the secret, send a test, pause/enable, delete, replay a time range. */
export function SubscriptionShow() {
  const { id = '' } = useParams();
  const notify = useNotify();
  const navigate = useNavigate();
  const [sub, setSub] = useState<Subscription | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [since, setSince] = useState(() => new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 16));
  const [until, setUntil] = useState('');
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(() => {
    apiBody<Subscription>(`/v1/subscriptions/${id}`).then(setSub, (e: Error) => notify(e.message, { type: 'error' }));
  }, [id, notify]);
  useEffect(load, [load]);

  /** Runs an action, says it is done, and reloads the subscription (unless it is gone). */
  const act = async (work: () => Promise<unknown>, done: string, reload = true) => {
    try {
      await work();
      notify(done, { type: 'success' });
      if (reload) load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const post = (path: string, body?: unknown) => apiBody(`/v1/subscriptions/${id}${path}`, { method: 'POST', body });

  if (!sub) return <Loading />;
  return (
    <Box sx={{ maxWidth: 960 }}>
      <PageTitle>{`Subscription: ${sub.url}`}</PageTitle>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Chip label={sub.status} color={sub.status === 'active' ? 'success' : sub.status === 'disabled' ? 'error' : 'default'} />
            <Typography>{sub.description}</Typography>
          </Stack>
          {sub.disabledReason && <Alert severity="error">Disabled: {sub.disabledReason}</Alert>}
          <Typography sx={{ mt: 1 }}>Types: {sub.types.join(', ')}</Typography>
          <Typography>Filter: {summarizeFilter(sub.filter)}</Typography>
          <Typography>
            Last delivery: {sub.stats.lastDeliveryAt ? new Date(sub.stats.lastDeliveryAt).toLocaleString() : 'never'} · success (24 h):{' '}
            {successRate(sub)}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
            <Button variant="outlined" onClick={() => act(() => post('/test'), 'Test delivery sent')}>
              Send test
            </Button>
            {sub.status === 'active' ? (
              <Button
                variant="outlined"
                onClick={() => act(() => apiBody(`/v1/subscriptions/${id}`, { method: 'PATCH', body: { status: 'paused' } }), 'Paused')}
              >
                Pause
              </Button>
            ) : (
              <Button variant="outlined" onClick={() => act(() => post('/enable'), 'Enabled')}>
                Enable
              </Button>
            )}
            <Button
              variant="outlined"
              onClick={() =>
                act(
                  async () => setSecret(((await post('/rotate-secret')) as { secret: string }).secret),
                  'Secret rotated: the old one keeps signing for a while',
                )
              }
            >
              Rotate secret
            </Button>
            <Button component={Link} to={`/deliveries?filter=${encodeURIComponent(JSON.stringify({ subscriptionId: id }))}`}>
              Deliveries
            </Button>
            <Button color="error" variant="outlined" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </Stack>
          {secret && <SecretOnce label="New signing secret" value={secret} onDone={() => setSecret(null)} />}
        </CardContent>
      </Card>
      {deleting && (
        <Dialog open onClose={() => setDeleting(false)} aria-labelledby="delete-title">
          <DialogTitle id="delete-title">Delete this subscription?</DialogTitle>
          <DialogContent>Deliveries to {sub.url} stop, and its delivery log goes with it.</DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(false)}>Cancel</Button>
            <Button
              color="error"
              variant="contained"
              onClick={() =>
                act(
                  async () => {
                    setDeleting(false);
                    await apiBody(`/v1/subscriptions/${id}`, { method: 'DELETE' });
                    navigate('/subscriptions');
                  },
                  'Subscription deleted',
                  false,
                )
              }
            >
              Confirm delete
            </Button>
          </DialogActions>
        </Dialog>
      )}
      <Card sx={{ mt: 2 }} component="section" aria-labelledby="replay-heading">
        <CardContent>
          <Typography variant="h6" component="h2" id="replay-heading">
            Replay a time range
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <TextField
              size="small"
              type="datetime-local"
              label="Since"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              size="small"
              type="datetime-local"
              label="Until"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <Button
              variant="outlined"
              onClick={() =>
                act(async () => {
                  const body = { since: new Date(since).toISOString(), ...(until ? { until: new Date(until).toISOString() } : {}) };
                  const result = (await post('/replay', body)) as { replayed: number };
                  notify(`${result.replayed} deliveries queued again`);
                }, 'Replay queued')
              }
            >
              Replay
            </Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
