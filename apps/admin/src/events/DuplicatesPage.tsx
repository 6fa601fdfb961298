import {
  Alert,
  Box,
  Button,
  Card,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, useNotify } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { apiBody } from '../api/http';
import { PageTitle } from '../layout/PageTitle';
import { formatEventDate } from './event-date';

interface Brief {
  id: string;
  slug: string;
  title: string;
  date: string;
  status: string;
}

interface Candidate {
  event: Brief;
  score: number;
  reasons: string[];
  type?: string;
}

/** Suggested duplicates (merge, with confirmation) and suggested relations (confirm or dismiss). */
export function DuplicatesPage() {
  const { id = '' } = useParams();
  const notify = useNotify();
  const [event, setEvent] = useState<Brief | null>(null);
  const [duplicates, setDuplicates] = useState<Candidate[] | null>(null);
  const [suggestions, setSuggestions] = useState<Candidate[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [merging, setMerging] = useState<Candidate | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const ref = encodeURIComponent(id);
    Promise.all([
      apiBody<{ event: Brief; data: Candidate[] }>(`/v1/events/${ref}/duplicates`),
      apiBody<{ event: Brief; data: Candidate[] }>(`/v1/events/${ref}/suggestions`),
    ])
      .then(([d, s]) => {
        setEvent(d.event);
        setDuplicates(d.data);
        setSuggestions(s.data);
      })
      .catch((e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);

  const merge = async (candidate: Candidate) => {
    setMerging(null);
    try {
      await apiBody(`/v1/events/${candidate.event.id}/merge`, { method: 'POST', body: { into: id } });
      notify(`Merged “${candidate.event.title}” into this event`, { type: 'success' });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const relate = async (candidate: Candidate) => {
    try {
      await apiBody(`/v1/events/${encodeURIComponent(id)}/relations`, {
        method: 'POST',
        body: { type: candidate.type ?? 'related', to: candidate.event.id },
      });
      notify('Relation confirmed', { type: 'success' });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!duplicates || !event) return <Loading />;
  const rows = (list: Candidate[], actions: (c: Candidate) => React.ReactNode, label: string) => (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell component="th">Event</TableCell>
          <TableCell component="th">Date</TableCell>
          <TableCell component="th">Status</TableCell>
          {label === 'Suggested relations' && <TableCell component="th">Type</TableCell>}
          <TableCell component="th">Score</TableCell>
          <TableCell component="th">Reasons</TableCell>
          <TableCell component="th">Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {list.map((c) => (
          <TableRow key={`${c.event.id}-${c.type ?? ''}`}>
            <TableCell>
              <Link to={`/events/${c.event.id}`}>{c.event.title}</Link>
            </TableCell>
            <TableCell>{formatEventDate(c.event.date)}</TableCell>
            <TableCell>{c.event.status}</TableCell>
            {label === 'Suggested relations' && <TableCell>{(c.type ?? '').replace(/_/g, ' ')}</TableCell>}
            <TableCell>{c.score}</TableCell>
            <TableCell>{c.reasons.join('; ')}</TableCell>
            <TableCell>{actions(c)}</TableCell>
          </TableRow>
        ))}
        {!list.length && (
          <TableRow>
            <TableCell colSpan={7}>None.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
  const open = suggestions.filter((s) => !dismissed.includes(`${s.event.id}-${s.type}`));
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <PageTitle>{`Duplicates & suggestions: ${event.title}`}</PageTitle>
      <Button component={Link} to={`/events/${id}`}>
        Back to the editor
      </Button>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        Suggested duplicates
      </Typography>
      <Card>
        {rows(
          duplicates,
          (c) => (
            <Button
              color="warning"
              disabled={c.event.status === 'merged'}
              onClick={() => setMerging(c)}
              aria-label={`Merge ${c.event.title} into this event`}
            >
              Merge into this
            </Button>
          ),
          'Suggested duplicates',
        )}
      </Card>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        Suggested relations
      </Typography>
      <Card>
        {rows(
          open,
          (c) => (
            <>
              <Button onClick={() => relate(c)}>Confirm</Button>
              <Button onClick={() => setDismissed((d) => [...d, `${c.event.id}-${c.type}`])}>Reject</Button>
            </>
          ),
          'Suggested relations',
        )}
      </Card>
      {merging && (
        <Dialog open onClose={() => setMerging(null)} aria-labelledby="merge-title">
          <DialogTitle id="merge-title">Merge duplicate?</DialogTitle>
          <DialogContent>
            “{merging.event.title}” ({formatEventDate(merging.event.date)}) will be merged into “{event.title}”: its sources, actors, tags
            and relations move here, and it becomes merged. This cannot be undone from here.
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setMerging(null)}>Cancel</Button>
            <Button color="warning" variant="contained" onClick={() => merge(merging)}>
              Confirm merge
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
