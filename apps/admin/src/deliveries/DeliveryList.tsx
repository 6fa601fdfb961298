import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import {
  ChipField,
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceInput,
  AutocompleteInput,
  SelectInput,
  TextField,
  useNotify,
  useExpanded,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { apiBody } from '../api/http';
import { CursorPagination } from '../layout/CursorPagination';
import { PageTitle } from '../layout/PageTitle';

interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  succeeded: boolean;
}

interface Delivery {
  id: string;
  status: string;
  type: string;
  attempts: Attempt[];
}

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    choices={['failed', 'held', 'pending', 'succeeded'].map((s) => ({ id: s, name: s }))}
  />,
  <ReferenceInput key="sub" source="subscriptionId" reference="subscriptions" alwaysOn>
    <AutocompleteInput label="Subscription" optionText="url" sx={{ minWidth: 320 }} />
  </ReferenceInput>,
];

/** A delivery's attempts: status code, duration, error, response snippet. */
function Attempts() {
  const delivery = useRecordContext<Delivery>();
  if (!delivery) return null;
  return (
    <Table size="small" aria-label="Attempts">
      <TableHead>
        <TableRow>
          {['Attempt', 'Started', 'Status code', 'Duration', 'Error', 'Response'].map((h) => (
            <TableCell key={h} component="th">
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {delivery.attempts.map((a) => (
          <TableRow key={a.number}>
            <TableCell>{a.number}</TableCell>
            <TableCell>{new Date(a.startedAt).toLocaleString()}</TableCell>
            <TableCell>{a.statusCode ?? '—'}</TableCell>
            <TableCell>{a.durationMs} ms</TableCell>
            <TableCell>{a.error ?? ''}</TableCell>
            <TableCell>
              <code style={{ fontSize: 12 }}>{(a.responseBody ?? '').slice(0, 200)}</code>
            </TableCell>
          </TableRow>
        ))}
        {!delivery.attempts.length && (
          <TableRow>
            <TableCell colSpan={6}>No attempt yet.</TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** Shows or hides a delivery's attempts; react-admin's own expand icon is hidden from the keyboard and screen readers. */
function AttemptsToggle({ delivery }: { delivery: Delivery }) {
  const [expanded, toggle] = useExpanded('deliveries', delivery.id);
  return (
    <Button
      size="small"
      aria-expanded={expanded}
      aria-label={`${expanded ? 'Hide' : 'Show'} attempts of delivery ${delivery.id}`}
      onClick={(e) => {
        e.stopPropagation();
        toggle();
      }}
    >
      {expanded ? 'Hide attempts' : 'Show attempts'}
    </Button>
  );
}

function RetryButton({ delivery }: { delivery: Delivery }) {
  const notify = useNotify();
  const refresh = useRefresh();
  if (delivery.status === 'succeeded' || delivery.status === 'pending') return null;
  return (
    <Button
      size="small"
      aria-label={`Retry delivery ${delivery.id}`}
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await apiBody(`/v1/deliveries/${delivery.id}/retry`, { method: 'POST' });
          notify('Retry queued', { type: 'success' });
          refresh();
        } catch (error) {
          notify((error as Error).message, { type: 'error' });
        }
      }}
    >
      Retry
    </Button>
  );
}

/** Deliveries across subscriptions, newest first; filter by status and subscription; expand for attempts. */
export function DeliveryList() {
  return (
    <Box>
      <PageTitle>Deliveries</PageTitle>
      <List
        title="Deliveries"
        filters={filters}
        perPage={50}
        pagination={<CursorPagination sizes={[50, 100, 200]} />}
        actions={false}
        empty={false}
      >
        <Datagrid bulkActionButtons={false} rowClick="expand" expand={<Attempts />}>
          <DateField source="createdAt" label="Created" showTime sortable={false} />
          <TextField source="type" sortable={false} />
          <ChipField source="status" sortable={false} size="small" />
          <TextField source="attemptCount" label="Attempts" sortable={false} />
          <FunctionField label="Match" render={(d: { matchReasons: string[] }) => d.matchReasons.join(', ')} />
          <DateField source="nextAttemptAt" label="Next attempt" showTime sortable={false} emptyText="—" />
          <FunctionField label="Attempts log" render={(d: Delivery) => <AttemptsToggle delivery={d} />} />
          <FunctionField label="Retry" render={(d: Delivery) => <RetryButton delivery={d} />} />
        </Datagrid>
      </List>
    </Box>
  );
}
