import { Admin, CustomRoutes, Resource } from 'react-admin';
import { BrowserRouter, Route } from 'react-router-dom';
import { dataProvider } from './api/data-provider';
import { AuditList } from './audit/AuditList';
import { authProvider, can, type Role } from './auth/auth-provider';
import { LoginPage } from './auth/LoginPage';
import { Dashboard } from './dashboard/Dashboard';
import { DeliveryList } from './deliveries/DeliveryList';
import { DuplicatesPage } from './events/DuplicatesPage';
import { EventEditor } from './events/EventEditor';
import { EventList } from './events/EventList';
import { HistoryPage } from './events/HistoryPage';
import { ApiKeyList } from './keys/ApiKeys';
import { Layout } from './layout/Layout';
import { SubscriptionShow } from './subscriptions/SubscriptionShow';
import { SubscriptionCreate, SubscriptionList } from './subscriptions/Subscriptions';

/** Resources and pages per role: what the menu shows is also all that is routed. */
export function App() {
  // Real paths under /admin (not #/…), so deep links work: the api answers index.html for them.
  return (
    <BrowserRouter basename="/admin">
      <Admin
        title="Trade Timeline"
        dataProvider={dataProvider}
        authProvider={authProvider}
        loginPage={LoginPage}
        dashboard={Dashboard}
        layout={Layout}
        requireAuth
        disableTelemetry
      >
        {(role: Role | undefined) => (
          <>
            {can(role, 'events') && (
              <Resource name="events" list={EventList} create={EventEditor} edit={EventEditor} options={{ label: 'Timeline' }} />
            )}
            {can(role, 'curate') && (
              <CustomRoutes>
                <Route path="/events/:id/history" element={<HistoryPage />} />
                <Route path="/events/:id/duplicates" element={<DuplicatesPage />} />
              </CustomRoutes>
            )}
            <Resource name="actors" />
            <Resource name="tags" />
            {can(role, 'subscriptions') && (
              <>
                <Resource name="subscriptions" list={SubscriptionList} create={SubscriptionCreate} show={SubscriptionShow} />
                <Resource name="deliveries" list={DeliveryList} />
              </>
            )}
            {can(role, 'keys') && (
              <>
                <Resource name="api-keys" list={ApiKeyList} options={{ label: 'API keys' }} />
                <Resource name="audit" list={AuditList} options={{ label: 'Audit log' }} />
              </>
            )}
          </>
        )}
      </Admin>
    </BrowserRouter>
  );
}
