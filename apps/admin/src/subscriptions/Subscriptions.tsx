import { Box, Button, Card, CardContent, Checkbox, FormControlLabel, FormGroup, Link, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { ChipField, CreateButton, Datagrid, DateField, FunctionField, List, TopToolbar, useNotify } from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { apiBody } from '../api/http';
import { ApiError, fieldErrorsOf } from '../api/problem';
import { CursorPagination } from '../layout/CursorPagination';
import { PageTitle } from '../layout/PageTitle';
import { EMPTY_FILTER, summarizeFilter, toApiFilter, type ApiFilter } from './filter';
import { FilterBuilder } from './FilterBuilder';
import { SecretOnce } from './SecretOnce';

export const WEBHOOK_TYPES = ['event.published', 'event.updated', 'event.retracted'];

export interface Subscription {
  id: string;
  url: string;
  description: string | null;
  types: string[];
  filter: ApiFilter;
  status: 'active' | 'paused' | 'disabled';
  disabledReason: string | null;
  stats: { lastDeliveryAt: string | null; deliveries24h: number; succeeded24h: number };
}

export const successRate = (s: Subscription) =>
  s.stats.deliveries24h ? `${Math.round((100 * s.stats.succeeded24h) / s.stats.deliveries24h)} %` : '—';

/** Subscriptions: URL, status, filter summary, last delivery, success rate (last 24 h). */
export function SubscriptionList() {
  return (
    <Box>
      <PageTitle>Subscriptions</PageTitle>
      <List
        title="Subscriptions"
        actions={
          <TopToolbar>
            <CreateButton label="New subscription" />
          </TopToolbar>
        }
        perPage={50}
        pagination={<CursorPagination sizes={[50, 100, 200]} />}
        empty={false}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <FunctionField
            label="URL"
            render={(s: Subscription) => (
              <Link component={RouterLink} to={`/subscriptions/${s.id}/show`} onClick={(click) => click.stopPropagation()}>
                {s.url}
              </Link>
            )}
          />
          <ChipField source="status" sortable={false} size="small" />
          <FunctionField label="Filter" render={(s: Subscription) => summarizeFilter(s.filter)} />
          <DateField source="stats.lastDeliveryAt" label="Last delivery" showTime sortable={false} emptyText="never" />
          <FunctionField label="Success (24 h)" render={successRate} />
        </Datagrid>
      </List>
    </Box>
  );
}

/** Create a subscription: URL, types, filter (with a live preview); the secret is shown once. */
export function SubscriptionCreate() {
  const notify = useNotify();
  const navigate = useNavigate();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>(WEBHOOK_TYPES);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);

  const create = async () => {
    setErrors({});
    try {
      const body = await apiBody<{ id: string; secret: string }>('/v1/subscriptions', {
        method: 'POST',
        body: { url, ...(description ? { description } : {}), types, filter: toApiFilter(filter) },
      });
      setCreated(body);
    } catch (e) {
      if (e instanceof ApiError) {
        const { fields, other } = fieldErrorsOf(e.problem);
        setErrors({ ...fields, ...(other.length ? { _: other.join('; ') } : {}) });
        if (!Object.keys(fields).length) notify(e.message, { type: 'error' });
      } else notify((e as Error).message, { type: 'error' });
    }
  };

  return (
    <Box sx={{ maxWidth: 1100 }}>
      <PageTitle>New subscription</PageTitle>
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <TextField
              label="Webhook URL"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              error={Boolean(errors.url)}
              helperText={errors.url}
              fullWidth
            />
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} fullWidth />
            <FormGroup row aria-label="Event types">
              <Typography sx={{ mr: 2, alignSelf: 'center' }}>Event types:</Typography>
              {WEBHOOK_TYPES.map((t) => (
                <FormControlLabel
                  key={t}
                  label={t}
                  control={
                    <Checkbox
                      checked={types.includes(t)}
                      onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))}
                    />
                  }
                />
              ))}
            </FormGroup>
            {errors.types && <Typography color="error">{errors.types}</Typography>}
            <FilterBuilder value={filter} onChange={setFilter} />
            {Object.entries(errors)
              .filter(([k]) => k.startsWith('filter') || k === '_')
              .map(([k, m]) => (
                <Typography key={k} color="error" role="alert">
                  {k === '_' ? m : `${k}: ${m}`}
                </Typography>
              ))}
            {created ? (
              <SecretOnce label="Signing secret" value={created.secret} onDone={() => navigate(`/subscriptions/${created.id}/show`)} />
            ) : (
              <Box>
                <Button variant="contained" onClick={create} disabled={!url.trim() || !types.length}>
                  Create subscription
                </Button>
              </Box>
            )}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
