import { Alert, Box, Card, CardContent, Grid, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, usePermissions } from 'react-admin';
import { Link } from 'react-router-dom';
import { apiBody } from '../api/http';
import { can, type Role } from '../auth/auth-provider';
import { PageTitle } from '../layout/PageTitle';

interface Stats {
  events: Record<string, number>;
  deliveries24h: { total: number; byStatus: Record<string, number>; successRate: number | null };
  subscriptions: Record<string, number>;
  queues: Record<string, Record<string, number>> | null;
  outbox: { pending: number; oldestSeconds: number } | null;
}

function Figure({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Card component="section" aria-label={title} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>
            {title}
          </Typography>
          {children}
        </CardContent>
      </Card>
    </Grid>
  );
}

const counts = (record: Record<string, number>) => (
  <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto auto', gap: '2px 16px' }}>
    {Object.entries(record).map(([k, v]) => (
      <Box key={k} sx={{ display: 'contents' }}>
        <dt>{k}</dt>
        <dd style={{ margin: 0, fontWeight: 600 }}>{v.toLocaleString()}</dd>
      </Box>
    ))}
  </dl>
);

/** Events by status, deliveries in the last 24 h and their success rate, queue depth, outbox lag, disabled subscriptions. */
export function Dashboard() {
  const { permissions } = usePermissions<Role>();
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = can(permissions, 'dashboard');

  useEffect(() => {
    if (!allowed) return;
    const load = () => apiBody<Stats>('/v1/stats').then(setStats, (e: Error) => setError(e.message));
    void load();
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [allowed]);

  if (!allowed) {
    return (
      <Box>
        <PageTitle>Welcome</PageTitle>
        <Typography>
          Your key manages its own <Link to="/subscriptions">subscriptions</Link> and their <Link to="/deliveries">deliveries</Link>.
        </Typography>
      </Box>
    );
  }
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!stats) return <Loading />;
  const rate = stats.deliveries24h.successRate;
  return (
    <Box>
      <PageTitle>Dashboard</PageTitle>
      <Grid container spacing={2}>
        <Figure title="Events by status">{counts(stats.events)}</Figure>
        <Figure title="Deliveries, last 24 h">
          <Typography variant="h4" component="p">
            {stats.deliveries24h.total.toLocaleString()}
          </Typography>
          <Typography>Success rate: {rate === null ? '—' : `${(rate * 100).toFixed(1)} %`}</Typography>
          {counts(stats.deliveries24h.byStatus)}
        </Figure>
        <Figure title="Subscriptions">
          {counts(stats.subscriptions)}
          {stats.subscriptions.disabled > 0 && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {stats.subscriptions.disabled} disabled subscription(s)
            </Alert>
          )}
        </Figure>
        <Figure title="Queue depth">
          {stats.queues
            ? Object.entries(stats.queues).map(([name, c]) => (
                <Box key={name} sx={{ mb: 1 }}>
                  <Typography variant="subtitle2" component="h3">
                    {name}
                  </Typography>
                  {counts(c)}
                </Box>
              ))
            : 'Redis did not answer'}
        </Figure>
        <Figure title="Outbox lag">
          {stats.outbox ? (
            <>
              <Typography variant="h4" component="p">
                {stats.outbox.oldestSeconds.toFixed(0)} s
              </Typography>
              <Typography>{stats.outbox.pending} row(s) waiting for the relay</Typography>
            </>
          ) : (
            '—'
          )}
        </Figure>
      </Grid>
    </Box>
  );
}
