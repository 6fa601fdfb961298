import { Alert, Box, Button, Card, CardContent, Radio, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, useNotify } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { apiBody } from '../api/http';
import { PageTitle } from '../layout/PageTitle';
import { diffEvents, editableOf } from './diff';
import { DiffTable } from './DiffTable';
import type { EventView, Revision } from './types';

/** Revisions of an event, a diff between any two, and "restore this version" (which saves a new version). */
export function HistoryPage() {
  const { id = '' } = useParams();
  const notify = useNotify();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);

  const load = useCallback(() => {
    apiBody<{ data: Revision[] }>(`/v1/events/${encodeURIComponent(id)}/revisions`)
      .then(({ data }) => {
        setRevisions(data);
        setTo(data[0]?.version ?? null);
        setFrom(data[1]?.version ?? data[0]?.version ?? null);
      })
      .catch((e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);

  const restore = async (revision: Revision) => {
    const current = revisions?.[0];
    if (!current) return;
    try {
      const { endDate, ...fields } = editableOf(revision.snapshot);
      await apiBody<EventView>(`/v1/events/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { ...fields, endDate },
        headers: { 'if-match': `"${current.version}"` },
      });
      notify(`Version ${revision.version} restored as a new version`, { type: 'success' });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!revisions) return <Loading />;
  const a = revisions.find((r) => r.version === from);
  const b = revisions.find((r) => r.version === to);
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <PageTitle>{`History: ${revisions[0]?.snapshot.title ?? id}`}</PageTitle>
      <Button component={Link} to={`/events/${id}`}>
        Back to the editor
      </Button>
      <Card sx={{ mt: 1 }}>
        <Table size="small" aria-label="Revisions">
          <TableHead>
            <TableRow>
              <TableCell component="th">Compare from</TableCell>
              <TableCell component="th">to</TableCell>
              <TableCell component="th">Version</TableCell>
              <TableCell component="th">Action</TableCell>
              <TableCell component="th">Changed</TableCell>
              <TableCell component="th">By</TableCell>
              <TableCell component="th">When</TableCell>
              <TableCell component="th">Restore</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {revisions.map((r, i) => (
              <TableRow key={r.version}>
                <TableCell>
                  <Radio
                    checked={from === r.version}
                    onChange={() => setFrom(r.version)}
                    slotProps={{ input: { 'aria-label': `Compare from version ${r.version}` } }}
                  />
                </TableCell>
                <TableCell>
                  <Radio
                    checked={to === r.version}
                    onChange={() => setTo(r.version)}
                    slotProps={{ input: { 'aria-label': `Compare to version ${r.version}` } }}
                  />
                </TableCell>
                <TableCell>{r.version}</TableCell>
                <TableCell>{r.action}</TableCell>
                <TableCell>{r.changes.join(', ')}</TableCell>
                <TableCell>{r.authorName}</TableCell>
                <TableCell>{new Date(r.createdAt).toLocaleString()}</TableCell>
                <TableCell>
                  {i > 0 && (
                    <Button size="small" onClick={() => restore(r)} aria-label={`Restore version ${r.version}`}>
                      Restore this version
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {a && b && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="h6" component="h2">
              Changes from version {a.version} to version {b.version}
            </Typography>
            <DiffTable
              changes={diffEvents(a.snapshot, b.snapshot)}
              beforeLabel={`Version ${a.version}`}
              afterLabel={`Version ${b.version}`}
              caption="Field differences"
            />
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
