import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Form, Loading, useNotify } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiBody } from '../api/http';
import { ApiError, fieldErrorsOf } from '../api/problem';
import { PageTitle } from '../layout/PageTitle';
import { ConflictDialog, type Conflict } from './ConflictDialog';
import { conflictOf, editableOf, type EditableValues } from './diff';
import { EventFields } from './EventFields';
import { RelationsPanel } from './RelationsPanel';
import { RetractDialog } from './RetractDialog';
import { EDITABLE_FIELDS, type EventView } from './types';

type Intent = 'draft' | 'publish';

const EMPTY: EditableValues = { title: '', date: '', endDate: null, kind: 'tariff_action', summary: '', actors: [], tags: [], sources: [] };

const isFormField = (field: string) => EDITABLE_FIELDS.some((f) => field === f || field.startsWith(`${f}.`));

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** The body of POST /v1/events from the form. */
function createBody(values: EditableValues, intent: Intent): Record<string, unknown> {
  const { endDate, ...rest } = editableOf(values);
  return { ...rest, ...(endDate ? { endDate } : {}), status: intent === 'publish' ? 'published' : 'draft' };
}

interface Actions {
  base: EventView | null;
  save: (values: EditableValues, intent: Intent) => Promise<void>;
  retract: () => void;
}

/** Buttons under the form; they submit through react-hook-form so client validation runs first. */
function Toolbar({ base, save, retract }: Actions) {
  const { handleSubmit, formState } = useFormContext<EditableValues>();
  const busy = formState.isSubmitting;
  const status = base?.status ?? 'draft';
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
      <Button variant="outlined" disabled={busy} onClick={handleSubmit((v) => save(v, 'draft'))}>
        {status === 'draft' ? 'Save as draft' : 'Save'}
      </Button>
      {(status === 'draft' || status === 'retracted') && (
        <Button variant="contained" disabled={busy} onClick={handleSubmit((v) => save(v, 'publish'))}>
          Publish
        </Button>
      )}
      {base && status === 'published' && (
        <Button color="error" variant="outlined" disabled={busy} onClick={retract}>
          Retract
        </Button>
      )}
    </Stack>
  );
}

/** Maps problem field errors onto the inputs; returns what no input can show. */
function FormErrors({ problem, onShown }: { problem: ApiError | null; onShown: (other: string[]) => void }) {
  const { setError } = useFormContext();
  useEffect(() => {
    if (!problem) return;
    const { fields, other } = fieldErrorsOf(problem.problem, isFormField);
    for (const [name, message] of Object.entries(fields)) setError(name as never, { type: 'server', message });
    onShown(other);
  }, [problem, setError, onShown]);
  return null;
}

/** Create (no id) or edit an event: drafts, publish, retract, stale-save conflicts, API errors beside fields. */
export function EventEditor() {
  const { id } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const [base, setBase] = useState<EventView | null>(null);
  const [loading, setLoading] = useState(Boolean(id));
  const [formKey, setFormKey] = useState(0);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState<(Conflict & { values: EditableValues }) | null>(null);
  const [retracting, setRetracting] = useState(false);

  const show = (event: EventView) => {
    setBase(event);
    setFormKey((k) => k + 1);
    setProblem(null);
    setMessages([]);
  };

  useEffect(() => {
    if (!id) return;
    setLoading(true);
    apiBody<EventView>(`/v1/events/${encodeURIComponent(id)}`)
      .then(show)
      .catch((e: Error) => setMessages([e.message]))
      .finally(() => setLoading(false));
  }, [id]);

  const fail = async (error: unknown, values: EditableValues) => {
    if (!(error instanceof ApiError)) {
      setMessages([(error as Error).message]);
      return;
    }
    if (error.status === 412 && base) {
      const current = await apiBody<EventView>(`/v1/events/${base.id}`);
      setConflict({ ...conflictOf(base, current, values), currentVersion: current.version, values });
      return;
    }
    if (error.status === 409 && error.problem.existingSlug) {
      setMessages([`${error.message}`]);
      return;
    }
    setProblem(error);
  };

  const save = async (values: EditableValues, intent: Intent, against: EventView | null = base) => {
    setProblem(null);
    setMessages([]);
    try {
      if (!against) {
        const created = await apiBody<EventView>('/v1/events', { method: 'POST', body: createBody(values, intent) });
        notify(intent === 'publish' ? 'Event published' : 'Draft saved', { type: 'success' });
        navigate(`/events/${created.id}`);
        return;
      }
      const patch = conflictOf(against, against, values).mine;
      let event = against;
      if (Object.keys(patch).length) {
        event = await apiBody<EventView>(`/v1/events/${against.id}`, { method: 'PATCH', body: patch, headers: ifMatch(against.version) });
      }
      if (intent === 'publish') {
        event = await apiBody<EventView>(`/v1/events/${against.id}/publish`, { method: 'POST', headers: ifMatch(event.version) });
      }
      show(event);
      notify(intent === 'publish' ? 'Event published' : Object.keys(patch).length ? 'Saved' : 'Nothing to save', { type: 'success' });
    } catch (error) {
      await fail(error, values);
    }
  };

  const retract = async (reason: string) => {
    if (!base) return;
    setRetracting(false);
    try {
      show(await apiBody<EventView>(`/v1/events/${base.id}/retract`, { method: 'POST', body: { reason }, headers: ifMatch(base.version) }));
      notify('Event retracted', { type: 'success' });
    } catch (error) {
      await fail(error, editableOf(base));
    }
  };

  if (loading) return <Loading />;
  const title = base ? `Edit: ${base.title}` : 'New event';
  return (
    <Box sx={{ maxWidth: 960 }}>
      <PageTitle>{title}</PageTitle>
      {base && (
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
          <Chip label={base.status} aria-label={`Status: ${base.status}`} color={base.status === 'published' ? 'success' : 'default'} />
          <Typography variant="body2">Version {base.version}</Typography>
          <Button component={Link} to={`/events/${base.id}/history`}>
            History
          </Button>
          <Button component={Link} to={`/events/${base.id}/duplicates`}>
            Duplicates &amp; suggestions
          </Button>
        </Stack>
      )}
      {base?.statusReason && <Alert severity="info">Retracted: {base.statusReason}</Alert>}
      {messages.map((m) => (
        <Alert key={m} severity="error" role="alert" sx={{ mb: 1 }}>
          {m}
        </Alert>
      ))}
      <Card>
        <CardContent>
          <Form
            key={formKey}
            record={base ? { ...editableOf(base), id: base.id } : EMPTY}
            onSubmit={(v: Record<string, unknown>) => save(v as unknown as EditableValues, 'draft')}
          >
            <EventFields />
            <FormErrors problem={problem} onShown={setMessages} />
            <Toolbar base={base} save={save} retract={() => setRetracting(true)} />
          </Form>
        </CardContent>
      </Card>
      {base && <RelationsPanel event={base} onChanged={(e) => setBase(e)} />}
      {retracting && <RetractDialog onClose={() => setRetracting(false)} onRetract={retract} />}
      {conflict && (
        <ConflictDialog
          conflict={conflict}
          onClose={() => setConflict(null)}
          onReload={async () => {
            setConflict(null);
            show(await apiBody<EventView>(`/v1/events/${base!.id}`));
          }}
          onReapply={async () => {
            const current = await apiBody<EventView>(`/v1/events/${base!.id}`);
            setConflict(null);
            // The editor's own changes on top of the current version: fields they did not touch keep the others' values.
            await save({ ...editableOf(current), ...conflict.mine }, 'draft', current);
          }}
        />
      )}
    </Box>
  );
}
