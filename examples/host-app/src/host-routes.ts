import { useEffect, useState } from 'react';

/** The host's own navigation, kept in the URL hash so reloads and the back button work without a router. */
export type Route =
  | { page: 'models' }
  | { page: 'model'; modelId: string }
  | { page: 'deploy'; modelId?: string; deploymentId?: string }
  | { page: 'deployment'; deploymentId: string; tab: DeploymentTab }
  | { page: 'audit' }
  | { page: 'users' }
  | { page: 'connections' }
  | { page: 'project' }
  | { page: 'terms' };

export const DEPLOYMENT_TABS = [
  'endpoint',
  'playground',
  'keys',
  'settings',
  'events',
  'replicas',
  'adapters',
  'metrics',
  'history',
] as const;
export type DeploymentTab = (typeof DEPLOYMENT_TABS)[number];

const SIMPLE_PAGES = ['audit', 'users', 'connections', 'project', 'terms'] as const;

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'models':
      return '#/models';
    case 'model':
      return `#/models/${encodeURIComponent(route.modelId)}`;
    case 'deploy':
      return `#/deploy?${new URLSearchParams({ ...(route.modelId ? { modelId: route.modelId } : {}), ...(route.deploymentId ? { deploymentId: route.deploymentId } : {}) })}`;
    case 'deployment':
      return `#/deployments/${encodeURIComponent(route.deploymentId)}/${route.tab}`;
    default:
      return `#/${route.page}`;
  }
}

export function hashToRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  // The page title comes from the server now (an unknown ID says "not found"); an old `?name=` is ignored.
  if (parts[0] === 'models' && parts[1]) return { page: 'model', modelId: parts[1] };
  if (parts[0] === 'deploy')
    return {
      page: 'deploy',
      modelId: params.get('modelId') ?? undefined,
      deploymentId: params.get('deploymentId') ?? undefined,
    };
  if (parts[0] === 'deployments' && parts[1]) {
    const tab = DEPLOYMENT_TABS.find((t) => t === parts[2]) ?? 'endpoint';
    return { page: 'deployment', deploymentId: parts[1], tab };
  }
  const simple = SIMPLE_PAGES.find((page) => page === parts[0]);
  if (simple) return { page: simple };
  return { page: 'models' };
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => hashToRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(hashToRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (next) => (window.location.hash = routeToHash(next))];
}
