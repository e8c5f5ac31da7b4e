import type { RepBody } from './vocabulary';

/**
 * A township votes at its people's congress (人代会 票决); a subdistrict has no congress and votes at its
 * deliberation-representative meeting (议事代表会议 票选, DOMAIN §1). Same mechanics, different words.
 */
export interface BodyTerms { meeting: string; vote: string; rep: string; presidium: string }

export const BODY_TERMS: Record<RepBody, BodyTerms> = {
  congress: { meeting: '人民代表大会', vote: '票决', rep: '代表', presidium: '主席团' },
  deliberation: { meeting: '议事代表会议', vote: '票选', rep: '议事代表', presidium: '人大街道工委' },
};

/** The roster a jurisdiction votes with: townships their congress, subdistricts their deliberation reps. */
export function bodyOf(jurisdictionKind: string): RepBody | null {
  if (jurisdictionKind === 'township') return 'congress';
  if (jurisdictionKind === 'subdistrict') return 'deliberation';
  return null;
}

/** 青石镇人民政府 / 东城街道办事处: who proposed the candidates and will deliver the projects. */
export function governmentOf(jurisdictionName: string, body: RepBody): string {
  return body === 'congress' ? `${jurisdictionName}人民政府` : `${jurisdictionName}办事处`;
}
