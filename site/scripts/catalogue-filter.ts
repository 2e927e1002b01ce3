/**
 * Progressive enhancement of the catalogue: the filter links (which are static pages
 * without JavaScript) filter the table in place and combine across facets. The state lives
 * in the URL query (`?stage=production&task=regression`): it can be shared, each click is a
 * history entry (Back undoes it), and values match whatever their case (`?stage=Production`).
 * Selected links are marked `aria-current`, each value's count says how many models it would
 * show with the other filters kept, the caption names the filters, and an empty result
 * offers to clear them.
 */
const FACETS = ["stage", "task", "owner", "drift"] as const;
type Facet = (typeof FACETS)[number];
type State = Map<Facet, string>;

/** The filters in a URL query, values lower-cased (every slug is lower case). */
export function readState(search: string): State {
  const params = new URLSearchParams(search);
  const state: State = new Map();
  for (const facet of FACETS) {
    const value = params.get(facet)?.trim().toLowerCase();
    if (value) state.set(facet, value);
  }
  return state;
}

/** The URL query of a state, facets in a fixed order so equal states share one URL. */
export function writeState(state: State): string {
  const query = new URLSearchParams(
    FACETS.flatMap((facet) => (state.has(facet) ? [[facet, state.get(facet) ?? ""]] : [])),
  );
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

function rowMatches(row: HTMLTableRowElement, state: State): boolean {
  for (const [facet, value] of state) {
    if (!(row.dataset[facet] ?? "").split(" ").includes(value)) return false;
  }
  return true;
}

/** How many rows a link would show: the state with its facet set to its value (or cleared for "All"). */
function countFor(rows: HTMLTableRowElement[], state: State, facet: Facet, value: string): number {
  const next = new Map(state);
  if (value === "") next.delete(facet);
  else next.set(facet, value);
  return rows.filter((row) => rowMatches(row, next)).length;
}

/** Words for the caption: "Models with stage production and task regression". */
function describe(doc: Document, state: State): string {
  if (state.size === 0) return "All models";
  const parts = [...state].map(([facet, value]) => {
    const link = doc.querySelector<HTMLAnchorElement>(`a[data-facet="${facet}"][data-value="${CSS.escape(value)}"]`);
    const label = link?.dataset.label ?? value;
    return `${facet} ${label}`;
  });
  return `Models with ${parts.join(" and ")}`;
}

function render(doc: Document, table: HTMLTableElement, state: State): void {
  const rows = [...(table.tBodies[0]?.rows ?? [])];
  let shown = 0;
  for (const row of rows) {
    const match = rowMatches(row, state);
    row.hidden = !match;
    if (match) shown += 1;
  }
  for (const link of doc.querySelectorAll<HTMLAnchorElement>("a[data-facet]")) {
    const facet = link.dataset.facet as Facet;
    const value = link.dataset.value ?? "";
    if ((state.get(facet) ?? "") === value) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
    const count = link.querySelector("[data-count]");
    if (count) count.textContent = `(${countFor(rows, state, facet, value)})`;
  }
  const caption = table.querySelector("caption");
  if (caption) caption.textContent = describe(doc, state);
  const status = doc.querySelector("[data-status]");
  if (status) status.textContent = `Showing ${shown} of ${rows.length} models.`;
  const empty = doc.querySelector<HTMLElement>("[data-no-match]");
  if (empty) empty.hidden = shown > 0;
}

/** Wires the catalogue page's filter links; a no-op on pages without the catalogue table. */
export function enhanceCatalogue(doc: Document): void {
  const table = doc.querySelector<HTMLTableElement>("table[data-catalogue]");
  const nav = doc.querySelector<HTMLElement>("[data-filters]");
  if (!table || !nav) return;
  let state = readState(doc.location.search);
  const go = (next: State) => {
    state = next;
    history.pushState(null, "", writeState(state) || doc.location.pathname);
    render(doc, table, state);
  };
  nav.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-facet]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const facet = link.dataset.facet as Facet;
    const value = link.dataset.value ?? "";
    const next = new Map(state);
    if (value === "" || state.get(facet) === value) next.delete(facet);
    else next.set(facet, value);
    go(next);
  });
  doc.addEventListener("click", (event) => {
    const clear = (event.target as Element).closest("a[data-clear]");
    if (!clear || (event as MouseEvent).metaKey || (event as MouseEvent).ctrlKey) return;
    event.preventDefault();
    go(new Map());
  });
  window.addEventListener("popstate", () => {
    state = readState(doc.location.search);
    render(doc, table, state);
  });
  render(doc, table, state);
}
