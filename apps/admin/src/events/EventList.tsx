import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import {
  AutocompleteInput,
  ChipField,
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { can, type Role } from '../auth/auth-provider';
import { CursorPagination } from '../layout/CursorPagination';
import { PageTitle } from '../layout/PageTitle';
import { formatEventDate, validateEventDate } from './event-date';
import { EVENT_KINDS, EVENT_STATUSES, choices, type EventView } from './types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search title and summary" aria-label="Search" />,
  <SelectArrayInput key="status" source="status" label="Status" choices={choices(EVENT_STATUSES)} alwaysOn />,
  <ReferenceInput key="actor" source="actors" reference="actors" label="Actor" alwaysOn>
    <AutocompleteInput label="Actor" optionText={(a: { code: string; name: string }) => `${a.name} (${a.code})`} />
  </ReferenceInput>,
  <ReferenceInput key="tag" source="tags" reference="tags" label="Tag" alwaysOn>
    <AutocompleteInput label="Tag" optionText="slug" />
  </ReferenceInput>,
  <SelectInput key="kind" source="kinds" label="Kind" choices={choices(EVENT_KINDS)} alwaysOn />,
  <TextInput key="from" source="from" label="From date" helperText="2025, 2025-04 or 2025-04-02" validate={validateEventDate} alwaysOn />,
  <TextInput key="to" source="to" label="To date" helperText="2025, 2025-04 or 2025-04-02" validate={validateEventDate} alwaysOn />,
];

function Actions() {
  const { permissions } = usePermissions<Role>();
  return <TopToolbar>{can(permissions, 'events') && <CreateButton label="New event" />}</TopToolbar>;
}

/** The timeline: newest first, paged by the API's cursors (partial pagination: no total count). */
export function EventList() {
  const { permissions } = usePermissions<Role>();
  const editor = can(permissions, 'curate');
  return (
    <>
      <PageTitle>Timeline</PageTitle>
      <List
        title="Timeline"
        filters={filters}
        filterDefaultValues={editor ? { status: ['draft', 'published', 'retracted'] } : {}}
        actions={<Actions />}
        perPage={50}
        pagination={<CursorPagination />}
        sort={{ field: 'date', order: 'DESC' }}
        empty={false}
      >
        <Datagrid rowClick={editor ? 'edit' : false} bulkActionButtons={false}>
          <FunctionField
            label="Date"
            sortable={false}
            render={(e: EventView) =>
              e.endDate
                ? `${formatEventDate(e.date, e.datePrecision)} – ${formatEventDate(e.endDate)}`
                : formatEventDate(e.date, e.datePrecision)
            }
          />
          <FunctionField
            label="Title"
            sortable={false}
            render={(e: EventView) =>
              editor ? (
                // A real link, so the keyboard (Tab, Enter) opens an event as a click on its row does.
                <Link component={RouterLink} to={`/events/${e.id}`} onClick={(click) => click.stopPropagation()}>
                  {e.title}
                </Link>
              ) : (
                e.title
              )
            }
          />
          <ChipField source="status" sortable={false} size="small" />
          <FunctionField label="Kind" sortable={false} render={(e: EventView) => e.kind.replace(/_/g, ' ')} />
          <FunctionField label="Actors" sortable={false} render={(e: EventView) => e.actors.map((a) => a.code).join(', ')} />
        </Datagrid>
      </List>
    </>
  );
}
