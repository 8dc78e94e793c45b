/**
 * CSV upload: drag-and-drop or the file picker, a preview of the first rows, the choice of
 * the time column and of the state columns. A rejected file leaves the previous data loaded
 * (the message names the row and column of the defect).
 *
 * A file may be hostile or huge (issue 13: 3,000 columns froze the page for 94 s): the preview
 * renders a few columns at a time, every name and cell is shown as a short printable excerpt,
 * and a file with more state columns than a fit takes gets a chooser with a search field
 * instead of one checkbox per column.
 */
import { useState, type DragEvent } from 'react';
import { MAX_STATES } from '../../core/data/csvLimits';
import { excerpt } from '../../core/text';
import { controller } from '../../state/controllerInstance';
import { useStore } from '../../state/store';
import { BUNDLED } from '../../state/bundled';

/** Columns the preview shows at first, and how many more each "Show more" adds. */
const PREVIEW_COLUMNS = 12;
const MORE_COLUMNS = 40;
/** Rows of the preview. */
const PREVIEW_ROWS = 6;
/** Longest shown cell or name, in characters. */
const CELL_LENGTH = 24;
/** Up to this many state columns, every one gets a checkbox; beyond, a search field finds them. */
const CHIP_LIMIT = 24;

export function CsvUpload({ hidden }: { hidden: boolean }) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void controller().uploadFile(f);
  };
  return (
    <div hidden={hidden} className="csv-upload">
      <label className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="csv-upload"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void controller().uploadFile(f); e.target.value = ''; }} />
        <span><strong>Drop a CSV here</strong> or choose a file</span>
        <span className="muted small">Header row, a time column (t or time), one column per state; optional trajectory column.</span>
      </label>
      <p className="small bundled-data">Or real data that ships with the playground:{' '}
        {BUNDLED.map((b) => (
          <button key={b.id} type="button" className="link-btn" data-testid={`bundled-${b.id}`} title={`Source: ${b.source}`}
            onClick={() => void controller().loadBundled(b.id)}>{b.label}</button>
        ))}
      </p>
      <Preview />
      <ColumnRoles />
    </div>
  );
}

function Preview() {
  const preview = useStore((s) => s.preview);
  if (!preview) return null;
  // A new file starts again with the first columns.
  return <PreviewTable key={`${preview.fileName}:${preview.columns.length}:${preview.columns[0] ?? ''}`} />;
}

function PreviewTable() {
  const preview = useStore((s) => s.preview)!;
  const [shown, setShown] = useState(PREVIEW_COLUMNS);
  const n = preview.columns.length;
  const cols = Math.min(shown, n);
  const name = excerpt(preview.fileName);
  return (
    <div className="csv-preview">
      <p className="small"><strong>{name}</strong>{preview.error ? <span className="warn"> — not loaded</span> : null}
        {n > cols ? <span className="muted" data-testid="preview-columns"> — first {cols} of {n.toLocaleString('en')} columns</span> : null}</p>
      <div className="table-scroll" tabIndex={0} aria-label={`First rows of ${name}`}>
        <table>
          <thead><tr>{preview.columns.slice(0, cols).map((c, k) => <th key={k} scope="col" title={excerpt(c, 200)}>{excerpt(c, CELL_LENGTH)}</th>)}</tr></thead>
          <tbody>{preview.rows.slice(0, PREVIEW_ROWS).map((r, i) => <tr key={i}>{r.slice(0, cols).map((v, k) => <td key={k}>{excerpt(v, CELL_LENGTH)}</td>)}</tr>)}</tbody>
        </table>
      </div>
      {n > cols ? (
        <button type="button" className="small" onClick={() => setShown(cols + MORE_COLUMNS)}>
          Show {Math.min(MORE_COLUMNS, n - cols)} more columns
        </button>
      ) : null}
    </div>
  );
}

function ColumnRoles() {
  const upload = useStore((s) => s.upload);
  const states = useStore((s) => s.settings.stateColumns);
  const setSettings = useStore((s) => s.setSettings);
  if (!upload) return null;
  const { info } = upload;
  const candidates = info.columns.filter((c) => c.toLowerCase() !== 'trajectory');
  return (
    <fieldset className="grid-fields">
      <legend>Columns of {upload.fileName}</legend>
      <div className="field">
        <label htmlFor="time-col">Time column</label>
        <select id="time-col" value={info.timeName} onChange={(e) => controller().setTimeColumn(e.target.value)}>
          {candidates.map((c) => <option key={c} value={c}>{excerpt(c, CELL_LENGTH)}</option>)}
        </select>
      </div>
      <StateChooser key={upload.uploadId} names={info.stateNames} chosen={states} onChange={(next) => setSettings({ stateColumns: next })} />
    </fieldset>
  );
}

/**
 * Checkboxes for the state columns. With many columns only the chosen ones and the first
 * matches of the search field are rendered, and at most MAX_STATES can be ticked.
 */
function StateChooser({ names, chosen, onChange }: { names: string[]; chosen: string[]; onChange: (next: string[]) => void }) {
  const [find, setFind] = useState('');
  const many = names.length > CHIP_LIMIT;
  const full = chosen.length >= MAX_STATES;
  const needle = find.trim().toLowerCase();
  const matches = many ? names.filter((n) => !chosen.includes(n) && n.toLowerCase().includes(needle)) : [];
  const shown = many ? [...chosen, ...matches.slice(0, CHIP_LIMIT)] : names;
  const hidden = many ? matches.length - Math.min(matches.length, CHIP_LIMIT) : 0;
  const toggle = (c: string, on: boolean): void => {
    const next = on ? names.filter((n) => n === c || chosen.includes(n)) : chosen.filter((n) => n !== c);
    // A small file keeps at least one state; a wide one may start from none.
    if (next.length || many) onChange(next);
  };
  return (
    <div className="field" role="group" aria-label="State columns">
      <span className="field-label">States{many ? ` (${chosen.length} of ${names.length.toLocaleString('en')} chosen, at most ${MAX_STATES})` : ''}</span>
      {many ? (
        <input type="search" placeholder="Find columns by name" aria-label="Find state columns" data-testid="state-find"
          value={find} onChange={(e) => setFind(e.target.value)} />
      ) : null}
      <div className="chips" data-testid="state-chips">
        {shown.map((c) => {
          const on = chosen.includes(c);
          return (
            <label key={c} className="chip">
              <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => toggle(c, e.target.checked)} />
              {excerpt(c, CELL_LENGTH)}
            </label>
          );
        })}
      </div>
      {hidden > 0 ? <span className="muted small">…and {hidden.toLocaleString('en')} more: type part of a name to find them.</span> : null}
      {full && many ? <span className="muted small">{MAX_STATES} chosen: untick one to choose another.</span> : null}
    </div>
  );
}
