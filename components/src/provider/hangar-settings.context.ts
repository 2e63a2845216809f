import { createContext, useContext } from 'react';

/** What HangarProvider knows beyond the ApolloClient: where uploads go and the token they carry. */
export interface HangarSettings {
  token?: string;
  /** The project the provider narrows to (id or slug), if any. */
  project?: string;
  uploadUrl: string;
}

export const HangarSettingsContext = createContext<HangarSettings>({ uploadUrl: '/uploads' });

export function useHangarSettings(): HangarSettings {
  return useContext(HangarSettingsContext);
}
