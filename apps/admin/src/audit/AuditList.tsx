import { Box } from '@mui/material';
import { Datagrid, DateField, FunctionField, List, TextField } from 'react-admin';
import { CursorPagination } from '../layout/CursorPagination';
import { PageTitle } from '../layout/PageTitle';

/** The audit log (admin): who changed what, when; newest first, paged by cursor. */
export function AuditList() {
  return (
    <Box>
      <PageTitle>Audit log</PageTitle>
      <List title="Audit log" perPage={50} pagination={<CursorPagination sizes={[50, 100, 200]} />} actions={false} empty={false}>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <DateField source="createdAt" label="When" showTime sortable={false} />
          <TextField source="keyName" label="Who" sortable={false} />
          <TextField source="action" sortable={false} />
          <FunctionField label="Target" render={(r: { targetType: string; targetId: string }) => `${r.targetType} ${r.targetId}`} />
          <FunctionField
            label="Details"
            render={(r: { details: unknown }) => (
              <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{r.details ? JSON.stringify(r.details).slice(0, 300) : ''}</code>
            )}
          />
        </Datagrid>
      </List>
    </Box>
  );
}
