import type { VersionItemFragment } from '../gql/graphql.js';
import { configurationChanges, configurationRows } from './configuration-diff.js';

/** A version's full configuration and what changed against the version before it. */
export function HistoryVersionDetails({
  id,
  version,
  previous,
}: {
  id: string;
  version: VersionItemFragment;
  previous: VersionItemFragment | undefined;
}) {
  const changes = previous ? configurationChanges(previous.configuration, version.configuration) : [];
  return (
    <div id={id} className="hangar-timeline__details">
      <h3 className="hangar-timeline__details-heading">Changes since v{previous?.version ?? '—'}</h3>
      {!previous ? (
        <p className="hangar-muted">The first version: nothing to compare with.</p>
      ) : changes.length === 0 ? (
        <p className="hangar-muted">Same configuration as v{previous.version}.</p>
      ) : (
        <table
          className="hangar-table hangar-timeline__diff"
          aria-label={`Changes from v${previous.version} to v${version.version}`}
        >
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">v{previous.version}</th>
              <th scope="col">v{version.version}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.key} data-setting={change.key}>
                <th scope="row">{change.label}</th>
                <td>
                  <del>{change.before}</del>
                </td>
                <td>
                  <ins>{change.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="hangar-timeline__details-heading">Configuration of v{version.version}</h3>
      <dl className="hangar-timeline__config">
        {configurationRows(version.configuration).map((row) => (
          <div key={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
