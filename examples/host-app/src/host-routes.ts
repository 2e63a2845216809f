import { useEffect, useState } from 'react';

/** The host's own navigation, kept in the URL hash so reloads and the back button work without a router. */
export type Route =
  | { page: 'models' }
  | { page: 'model'; modelId: string; modelName: string }
  | { page: 'deploy'; modelId?: string; deploymentId?: string }
  | { page: 'deployment'; deploymentId: string; tab: DeploymentTab };

export type DeploymentTab = 'endpoint' | 'keys' | 'settings' | 'history';

export function routeToHash(route: Route): string {
  switch (route.page) {
    case 'models':
      return '#/models';
    case 'model':
      return `#/models/${encodeURIComponent(route.modelId)}?name=${encodeURIComponent(route.modelName)}`;
    case 'deploy':
      return `#/deploy?${new URLSearchParams({ ...(route.modelId ? { modelId: route.modelId } : {}), ...(route.deploymentId ? { deploymentId: route.deploymentId } : {}) })}`;
    case 'deployment':
      return `#/deployments/${encodeURIComponent(route.deploymentId)}/${route.tab}`;
  }
}

export function hashToRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'models' && parts[1])
    return { page: 'model', modelId: parts[1], modelName: params.get('name') ?? 'Model' };
  if (parts[0] === 'deploy')
    return {
      page: 'deploy',
      modelId: params.get('modelId') ?? undefined,
      deploymentId: params.get('deploymentId') ?? undefined,
    };
  if (parts[0] === 'deployments' && parts[1]) {
    const tab =
      (['endpoint', 'keys', 'settings', 'history'] as const).find((t) => t === parts[2]) ?? 'endpoint';
    return { page: 'deployment', deploymentId: parts[1], tab };
  }
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
