import DashboardIcon from '@mui/icons-material/Dashboard';
import EventIcon from '@mui/icons-material/Event';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import KeyIcon from '@mui/icons-material/Key';
import SendIcon from '@mui/icons-material/Send';
import WebhookIcon from '@mui/icons-material/Webhook';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { can, type Role } from '../auth/auth-provider';

/** The menu shows only what the key's role may do. */
export function Menu() {
  const { permissions } = usePermissions<Role>();
  return (
    <RaMenu>
      {can(permissions, 'dashboard') && <RaMenu.Item to="/" primaryText="Dashboard" leftIcon={<DashboardIcon />} />}
      {can(permissions, 'events') && <RaMenu.Item to="/events" primaryText="Timeline" leftIcon={<EventIcon />} />}
      {can(permissions, 'subscriptions') && <RaMenu.Item to="/subscriptions" primaryText="Subscriptions" leftIcon={<WebhookIcon />} />}
      {can(permissions, 'subscriptions') && <RaMenu.Item to="/deliveries" primaryText="Deliveries" leftIcon={<SendIcon />} />}
      {can(permissions, 'keys') && <RaMenu.Item to="/api-keys" primaryText="API keys" leftIcon={<KeyIcon />} />}
      {can(permissions, 'keys') && <RaMenu.Item to="/audit" primaryText="Audit log" leftIcon={<HistoryEduIcon />} />}
    </RaMenu>
  );
}
