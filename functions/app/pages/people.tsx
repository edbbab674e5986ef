/** @jsxImportSource hono/jsx */
import type { ApiResult, Person } from '../api-client.js';
import { Flash, Time } from './components.js';
import { Csrf, type PageContext, renderPage } from './layout.js';

const ROLES = ['viewer', 'editor', 'admin'] as const;

export interface NewKey {
  readonly name: string;
  readonly key: string;
}

export function renderPeoplePage(
  ctx: PageContext,
  data: { people: ApiResult<{ items: readonly Person[] }>; newKey: NewKey | null; flash: { kind: 'ok' | 'bad'; text: string } | null },
) {
  return renderPage(ctx, {
    title: 'People',
    section: 'people',
    children: (
      <>
        <h1>People</h1>
        <p class="lead">Viewers read the library; editors archive, correct, hide and rescue; admins also purge and manage people.</p>
        {data.flash && <Flash kind={data.flash.kind}>{data.flash.text}</Flash>}
        {data.newKey && (
          <div class="notice ok" role="status">
            <p>{`Key for ${data.newKey.name} — copy it now, it is shown this once:`}</p>
            <p class="key" id="new-key">
              {data.newKey.key}
            </p>
            <button type="button" data-copy="new-key">
              Copy key
            </button>
          </div>
        )}
        <h2>Add a person</h2>
        <form method="post" action="/app/people" class="panel row">
          <Csrf token={ctx.csrf} />
          <div class="grow">
            <label for="person-name">Name</label>
            <input type="text" id="person-name" name="name" required maxlength={200} autocomplete="off" />
          </div>
          <div>
            <label for="person-role">Role</label>
            <select id="person-role" name="role">
              {ROLES.map((role) => (
                <option value={role} selected={role === 'editor'}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Add person</button>
        </form>
        <h2>Everyone</h2>
        {!data.people.ok && <Flash kind="bad">{data.people.message}</Flash>}
        {data.people.ok && (
          <ul class="results" aria-label="People">
            {data.people.data.items.map((person) => (
              <li class="result">
                <h3>{person.name}</h3>
                <p class="small muted">
                  added <Time iso={person.createdAt} />
                </p>
                <form method="post" action={`/app/people/${encodeURIComponent(person.id)}/role`} class="row">
                  <Csrf token={ctx.csrf} />
                  <div>
                    <label for={`role-${person.id}`}>{`Role of ${person.name}`}</label>
                    <select id={`role-${person.id}`} name="role">
                      {ROLES.map((role) => (
                        <option value={role} selected={role === person.role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" class="secondary">
                    Change role
                  </button>
                </form>
                <h4 class="small">Keys</h4>
                {person.keys.length === 0 ? (
                  <p class="small muted">No key.</p>
                ) : (
                  <ul class="small">
                    {person.keys.map((key) => (
                      <li>
                        <code>{key.keyId}</code> made <Time iso={key.createdAt} />, last used <Time iso={key.lastUsedAt} />{' '}
                        <form method="post" action={`/app/keys/${encodeURIComponent(key.keyId)}/revoke`} class="inline-form">
                          <Csrf token={ctx.csrf} />
                          <button type="submit" class="link" aria-label={`Revoke key ${key.keyId} of ${person.name}`}>
                            Revoke
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                )}
                <div class="actions">
                  <form method="post" action={`/app/people/${encodeURIComponent(person.id)}/keys`}>
                    <Csrf token={ctx.csrf} />
                    <button type="submit" class="secondary" aria-label={`Issue key for ${person.name}`}>
                      Issue key
                    </button>
                  </form>
                  <button
                    type="button"
                    class="danger"
                    commandfor={`remove-${person.id}`}
                    command="show-modal"
                    aria-label={`Remove ${person.name}`}
                  >
                    Remove
                  </button>
                </div>
                <dialog id={`remove-${person.id}`} aria-labelledby={`remove-${person.id}-title`}>
                  <form method="post" action={`/app/people/${encodeURIComponent(person.id)}/remove`}>
                    <Csrf token={ctx.csrf} />
                    <h2 id={`remove-${person.id}-title`}>{`Remove ${person.name}?`}</h2>
                    <p class="small">Every key and session of this person stops working at once.</p>
                    <div class="actions">
                      <button type="submit" class="danger">
                        Remove
                      </button>
                      <button type="button" class="secondary" commandfor={`remove-${person.id}`} command="close">
                        Cancel
                      </button>
                    </div>
                  </form>
                </dialog>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}
