import { Autocomplete, Box, Button, Chip, List, ListItem, ListItemText, MenuItem, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useNotify } from 'react-admin';
import { apiBody } from '../api/http';
import { toQuery } from '../api/query';
import { formatEventDate } from './event-date';
import { RELATION_TYPES, type EventView } from './types';

interface Found {
  id: string;
  title: string;
  date: string;
}

/** Relations of a saved event: find another event, choose the type, add; confirm a suggested one; remove. */
export function RelationsPanel({ event, onChanged }: { event: EventView; onChanged: (event: EventView) => void }) {
  const notify = useNotify();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Found[]>([]);
  const [target, setTarget] = useState<Found | null>(null);
  const [type, setType] = useState<string>('responds_to');

  useEffect(() => {
    if (query.trim().length < 2) return;
    const timer = setTimeout(() => {
      apiBody<{ data: Found[] }>('/v1/events', { query: toQuery({ q: query, limit: 10, status: ['draft', 'published'] }) })
        .then((body) => setOptions(body.data.filter((e) => e.id !== event.id)))
        .catch(() => setOptions([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [query, event.id]);

  const run = async (work: () => Promise<EventView>, done: string) => {
    try {
      onChanged(await work());
      notify(done, { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  const add = () =>
    target &&
    run(async () => {
      const body = await apiBody<{ event: EventView }>(`/v1/events/${event.id}/relations`, {
        method: 'POST',
        body: { type, to: target.id },
      });
      setTarget(null);
      return body.event;
    }, 'Relation added');

  return (
    <Box component="section" aria-labelledby="relations-heading" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" id="relations-heading">
        Relations
      </Typography>
      <List dense>
        {event.relations.map((r) => (
          <ListItem
            key={r.id}
            secondaryAction={
              <>
                {r.status === 'suggested' && (
                  <Button
                    onClick={() =>
                      run(
                        () => apiBody<EventView>(`/v1/events/${event.id}/relations/${r.id}/confirm`, { method: 'POST' }),
                        'Relation confirmed',
                      )
                    }
                  >
                    Confirm
                  </Button>
                )}
                <Button
                  color="error"
                  onClick={() =>
                    run(() => apiBody<EventView>(`/v1/events/${event.id}/relations/${r.id}`, { method: 'DELETE' }), 'Relation removed')
                  }
                >
                  Remove
                </Button>
              </>
            }
          >
            <ListItemText
              primary={
                <>
                  {r.direction === 'outgoing' ? 'this ' : ''}
                  <Chip size="small" label={r.type.replace(/_/g, ' ')} /> {r.direction === 'incoming' ? ' this' : ''}{' '}
                  <Link to={`/events/${r.event.id}`}>{r.event.title}</Link> ({formatEventDate(r.event.date)})
                  {r.status === 'suggested' && ' — suggested'}
                </>
              }
            />
          </ListItem>
        ))}
        {!event.relations.length && <ListItem>No relations yet.</ListItem>}
      </List>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Autocomplete
          sx={{ width: 360 }}
          options={options}
          value={target}
          filterOptions={(x) => x}
          getOptionLabel={(o) => `${o.title} (${formatEventDate(o.date)})`}
          onChange={(_, value) => setTarget(value)}
          onInputChange={(_, value) => setQuery(value)}
          renderInput={(params) => <TextField {...params} label="Find an event" size="small" />}
        />
        <TextField select size="small" label="Relation type" value={type} onChange={(e) => setType(e.target.value)} sx={{ width: 180 }}>
          {RELATION_TYPES.map((t) => (
            <MenuItem key={t} value={t}>
              {t.replace(/_/g, ' ')}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" disabled={!target} onClick={add}>
          Add relation
        </Button>
      </Box>
    </Box>
  );
}
