/** Applying an accepted upload to the store: the data source switches to the file's columns. */
import { MAX_STATES } from '../core/data/csvLimits';
import { quoted, quotedList } from '../core/text';
import type { CsvInfo } from '../worker/protocol';
import { useStore } from './store';

export function applyUpload(uploadId: number, fileName: string, text: string, info: CsvInfo): void {
  const st = useStore.getState();
  const same = st.upload?.uploadId === uploadId;
  if (same) return;
  // Keep the states a link asked for when the file has them; otherwise take every state column,
  // unless there are more than a fit takes: then the user chooses (none is chosen for them).
  const wanted = st.settings.source === 'upload' && st.settings.file === fileName ? st.settings.stateColumns.filter((c) => info.stateNames.includes(c)) : [];
  const wide = info.stateNames.length > MAX_STATES;
  const stateColumns = wanted.length ? wanted.slice(0, MAX_STATES) : wide ? [] : [...info.stateNames];
  useStore.setState({
    upload: { uploadId, fileName, text, info },
    settings: { ...st.settings, source: 'upload', file: fileName, timeColumn: info.timeName, stateColumns },
  });
  const traj = info.nTrajectories > 1 ? ` in ${info.nTrajectories.toLocaleString('en')} trajectories` : '';
  const states = wide
    ? `${info.stateNames.length.toLocaleString('en')} state columns (${quotedList(info.stateNames, 40, 12)}). One fit takes at most ${MAX_STATES}: choose them under 'States'.`
    : `states ${quotedList(info.stateNames, 120, 24, false)}.`;
  st.addNote('note', `Loaded ${quoted(fileName)}: ${info.nRows.toLocaleString('en')} rows${traj}, time ${quoted(info.timeName)}, ${states}`, 'upload');
}
