import { Box, Button, Card, CardContent, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Datagrid, DateField, FunctionField, List, TextField as RaTextField, useNotify, useRefresh } from 'react-admin';
import { apiBody } from '../api/http';
import { ConfirmDialog } from '../layout/ConfirmDialog';
import { PageTitle } from '../layout/PageTitle';
import { SecretOnce } from '../subscriptions/SecretOnce';

const ROLES = ['admin', 'editor', 'ingest', 'subscriber'];

interface KeyRow {
  id: string;
  name: string;
  role: string;
  revokedAt: string | null;
}

function CreateKey() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [name, setName] = useState('');
  const [role, setRole] = useState('editor');
  const [secret, setSecret] = useState<string | null>(null);
  const create = async () => {
    try {
      const created = await apiBody<{ key: string }>('/v1/api-keys', { method: 'POST', body: { name, role } });
      setSecret(created.key);
      setName('');
      refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField size="small" label="Key name" value={name} onChange={(e) => setName(e.target.value)} />
          <TextField size="small" select label="Role" value={role} onChange={(e) => setRole(e.target.value)} sx={{ width: 160 }}>
            {ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {r}
              </MenuItem>
            ))}
          </TextField>
          <Button variant="contained" disabled={!name.trim()} onClick={create}>
            Create key
          </Button>
        </Stack>
        {secret && <SecretOnce label="New API key" value={secret} onDone={() => setSecret(null)} />}
      </CardContent>
    </Card>
  );
}

function RevokeButton({ row }: { row: KeyRow }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  if (row.revokedAt) return <>revoked</>;
  const revoke = async () => {
    setConfirming(false);
    try {
      await apiBody(`/v1/api-keys/${row.id}`, { method: 'DELETE' });
      notify('Key revoked', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Button color="error" size="small" aria-label={`Revoke ${row.name}`} onClick={() => setConfirming(true)}>
        Revoke
      </Button>
      {confirming && (
        <ConfirmDialog title="Revoke this key?" confirmLabel="Confirm revoke" onConfirm={revoke} onCancel={() => setConfirming(false)}>
          The key “{row.name}” ({row.role}) stops working at once; this cannot be undone.
        </ConfirmDialog>
      )}
    </>
  );
}

/** API keys (admin): create with a role (the key is shown once), revoke. */
export function ApiKeyList() {
  return (
    <Box>
      <PageTitle>API keys</PageTitle>
      <CreateKey />
      <List title="API keys" pagination={false} perPage={1000} actions={false} empty={false}>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <RaTextField source="name" sortable={false} />
          <RaTextField source="role" sortable={false} />
          <RaTextField source="prefix" label="Starts with" sortable={false} />
          <DateField source="createdAt" label="Created" showTime sortable={false} />
          <DateField source="lastUsedAt" label="Last used" showTime sortable={false} />
          <FunctionField label="Revoke" render={(row: KeyRow) => <RevokeButton row={row} />} />
        </Datagrid>
      </List>
    </Box>
  );
}
