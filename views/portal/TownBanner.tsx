/** The town's name with its emblem (uploaded by the district), or its first character in a seal when none. */
export function TownBanner(p: { code: string; name: string; emblem: boolean }) {
  return (
    <div class="town-banner">
      {p.emblem
        ? <img class="emblem" src={`/p/${p.code}/emblem`} alt="" width={56} height={56} />
        : <span class="emblem default" aria-hidden="true">{[...p.name][0]}</span>}
      <a class="town-name" href={`/p/${p.code}`}>{p.name}</a>
    </div>
  );
}
