import { Autocomplete, Box, Chip, List, ListItem, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetList } from 'react-admin';
import { apiBody } from '../api/http';
import { formatEventDate } from '../events/event-date';
import { EVENT_KINDS, type EventView } from '../events/types';
import { toApiFilter, type FilterForm } from './filter';

const ALL = { pagination: { page: 1, perPage: 1000 } };

function Multi({
  label,
  options,
  value,
  onChange,
  free,
}: {
  label: string;
  options: string[];
  value: string[];
  onChange: (v: string[]) => void;
  free?: boolean;
}) {
  return (
    <Autocomplete
      multiple
      freeSolo={free}
      options={options}
      value={value}
      onChange={(_, v) => onChange(v as string[])}
      renderInput={(params) => <TextField {...params} label={label} size="small" />}
      sx={{ minWidth: 260 }}
    />
  );
}

/** Builds a subscription filter from the shared filter fields and previews, live, the events it matches. */
export function FilterBuilder({ value, onChange }: { value: FilterForm; onChange: (v: FilterForm) => void }) {
  const { data: actors = [] } = useGetList<{ id: string; code: string }>('actors', ALL);
  const { data: tags = [] } = useGetList<{ id: string; slug: string }>('tags', ALL);
  const [preview, setPreview] = useState<{ events: EventView[]; more: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FilterForm>(key: K, v: FilterForm[K]) => onChange({ ...value, [key]: v });
  const filterJson = JSON.stringify(toApiFilter(value));

  useEffect(() => {
    const timer = setTimeout(() => {
      apiBody<{ data: EventView[]; nextCursor: string | null }>('/v1/subscriptions/preview', {
        method: 'POST',
        body: { filter: JSON.parse(filterJson) as unknown },
        query: new URLSearchParams({ limit: '10' }),
      })
        .then((body) => {
          setPreview({ events: body.data, more: body.nextCursor !== null });
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    }, 300);
    return () => clearTimeout(timer);
  }, [filterJson]);

  return (
    <Box component="fieldset" sx={{ border: '1px solid #ddd', borderRadius: 1, p: 2 }}>
      <legend>Filter (empty matches every event)</legend>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Multi label="Actors" options={actors.map((a) => a.code)} value={value.actors} onChange={(v) => set('actors', v)} />
        <TextField
          select
          size="small"
          label="Actors must"
          value={value.actorsMode}
          onChange={(e) => set('actorsMode', e.target.value as 'any' | 'all')}
          sx={{ width: 170 }}
        >
          <MenuItem value="any">include any</MenuItem>
          <MenuItem value="all">include all</MenuItem>
        </TextField>
        <Multi label="Tags" options={tags.map((t) => t.slug)} free value={value.tags} onChange={(v) => set('tags', v)} />
        <Multi label="Kinds" options={[...EVENT_KINDS]} value={value.kinds} onChange={(v) => set('kinds', v)} />
        <TextField
          size="small"
          label="From date"
          value={value.from}
          onChange={(e) => set('from', e.target.value)}
          helperText="2025, 2025-04…"
        />
        <TextField size="small" label="To date" value={value.to} onChange={(e) => set('to', e.target.value)} />
        <TextField size="small" label="Text search" value={value.q} onChange={(e) => set('q', e.target.value)} />
        <Multi label="Related to (event id or slug)" options={[]} free value={value.relatedTo} onChange={(v) => set('relatedTo', v)} />
      </Stack>
      <Typography variant="subtitle1" component="h2" sx={{ mt: 2 }}>
        Preview of matching events
      </Typography>
      {error && <Typography color="error">{error}</Typography>}
      <List dense aria-label="Preview of matching events">
        {preview?.events.map((e) => (
          <ListItem key={e.id}>
            {formatEventDate(e.date, e.datePrecision)} — {e.title}{' '}
            {e.tags.slice(0, 3).map((t) => (
              <Chip key={t} size="small" label={t} sx={{ ml: 0.5 }} />
            ))}
          </ListItem>
        ))}
        {preview && !preview.events.length && <ListItem>No published event matches yet.</ListItem>}
        {preview?.more && <ListItem>…and more</ListItem>}
      </List>
    </Box>
  );
}
