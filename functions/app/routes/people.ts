import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiResult, Person } from '../api-client.js';
import type { WorkspaceApp, WorkspaceContext, WorkspaceKit } from '../kit.js';
import { can } from '../pages/layout.js';
import { type NewKey, renderPeoplePage } from '../pages/people.js';

/** People and their keys (admins): add, change a role, issue or revoke a key, remove. */
export function addPeopleRoutes(app: WorkspaceApp, { page, ctxOf, apiOf, formOf, text, errorPage }: WorkspaceKit): void {
  const peoplePage = async (
    c: WorkspaceContext,
    newKey: NewKey | null,
    flash: { kind: 'ok' | 'bad'; text: string } | null,
    status: ContentfulStatusCode = 200,
  ) => {
    if (!can(c.var.signedIn.principal, 'admin')) return errorPage(c, 403, 'Only admins manage people.');
    const people = await apiOf(c).get<{ items: Person[] }>('/people');
    return page(c, renderPeoplePage(ctxOf(c), { people, newKey, flash }), status);
  };
  const peopleAction = async (c: WorkspaceContext, result: ApiResult<unknown>, okText: string, newKey: NewKey | null = null) =>
    result.ok
      ? peoplePage(c, newKey, { kind: 'ok', text: okText })
      : peoplePage(c, null, { kind: 'bad', text: result.message }, result.status as ContentfulStatusCode);

  app.get('/people', (c) => peoplePage(c, null, null));
  app.post('/people', async (c) => {
    const body = await formOf(c);
    const name = text(body, 'name').trim();
    const result = await apiOf(c).post<{ person: Person; key: string }>('/people', { name, role: text(body, 'role') });
    return peopleAction(c, result, `${name} was added.`, result.ok ? { name: result.data.person.name, key: result.data.key } : null);
  });
  app.post('/people/:id/role', async (c) => {
    const body = await formOf(c);
    const result = await apiOf(c).patch<Person>(`/people/${encodeURIComponent(c.req.param('id'))}`, { role: text(body, 'role') });
    return peopleAction(c, result, result.ok ? `${result.data.name} is now ${result.data.role}.` : '');
  });
  app.post('/people/:id/keys', async (c) => {
    await formOf(c);
    const result = await apiOf(c).post<{ keyId: string; key: string }>(`/people/${encodeURIComponent(c.req.param('id'))}/keys`);
    return peopleAction(c, result, 'A new key was issued.', result.ok ? { name: 'this person', key: result.data.key } : null);
  });
  app.post('/keys/:keyId/revoke', async (c) => {
    await formOf(c);
    const result = await apiOf(c).delete(`/keys/${encodeURIComponent(c.req.param('keyId'))}`);
    return peopleAction(c, result, 'The key was revoked; it stopped working at once.');
  });
  app.post('/people/:id/remove', async (c) => {
    await formOf(c);
    const result = await apiOf(c).delete(`/people/${encodeURIComponent(c.req.param('id'))}`);
    return peopleAction(c, result, 'The person was removed; their keys and sessions stopped working.');
  });
}
