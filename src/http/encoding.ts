/** The first of `preferred` that the browser's Accept-Encoding lists without `q=0`, else null (the plain bytes). */
export function encodingFor<E extends string>(accept: string | undefined, preferred: readonly E[]): E | null {
  const listed = (accept ?? '').split(',').map((p) => p.trim().split(';'));
  const accepts = (enc: string) => listed.some(([name, q]) => name?.trim() === enc && !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''));
  return preferred.find(accepts) ?? null;
}
