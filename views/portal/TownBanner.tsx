/** The town's name with its emblem (uploaded by the district), or its first character in a seal when none. */
export function TownBanner(p: { code: string; name: string; emblem: number | undefined }) {
  return (
    <div class="town-banner">
      {p.emblem !== undefined
        ? <img class="emblem" src={`/p/${p.code}/emblem?v=${p.emblem}`} alt="" width={56} height={56} />
        : <span class="emblem default" aria-hidden="true">{[...p.name][0]}</span>}
      <a class="town-name" href={`/p/${p.code}`}>{p.name}</a>
    </div>
  );
}
