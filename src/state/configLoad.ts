/**
 * Loading a configuration file (Export → Configuration, dropped on the page or chosen with
 * "Load configuration") into the store. The file is read and checked first (configFile.ts);
 * a file that cannot be read leaves everything as it was and says why. A readable one replaces
 * the settings, the view and the noise lab's grid — the fit follows from the store, as after a
 * link — with one message listing what was not applied. Custom terms are checked as a link's
 * are; a configuration made with uploaded data keeps the loaded file only when it is the same
 * file, and otherwise waits for it.
 */
import { formatSize } from '../core/data/csv';
import { excerpt } from '../core/text';
import { MAX_CONFIG_CHARS, readConfig } from './configFile';
import { checkLinkTerms } from './linkTerms';
import { useStore } from './store';

const SOURCE = 'config';

export async function loadConfigFile(file: File): Promise<boolean> {
  const store = useStore;
  const name = excerpt(file.name, 60);
  const fail = (text: string): false => { store.getState().addNote('error', `${text} Nothing was changed.`, SOURCE); return false; };
  if (file.size > MAX_CONFIG_CHARS * 4) return fail(`'${name}' is ${formatSize(file.size)}: too large for a configuration (one is a few kB).`);
  let text: string;
  try { text = await file.text(); } catch { return fail(`'${name}' could not be read.`); }
  const r = readConfig(text, file.name);
  if (!r.ok) return fail(r.error);
  const { decoded, uploadedFile } = r.value;
  const checked = await checkLinkTerms(decoded.settings);
  const st = store.getState();
  let settings = { ...decoded.settings, terms: checked.terms };
  const notes = [...decoded.notes, ...checked.notes];
  let upload = st.upload;
  if (uploadedFile !== null) {
    if (upload && upload.fileName === uploadedFile) {
      // The same file is loaded: fit it with the configuration's columns (those it has).
      const known = settings.stateColumns.filter((c) => upload!.info.stateNames.includes(c));
      settings = { ...settings, timeColumn: upload.info.timeName, stateColumns: known.length ? known : settings.stateColumns };
    } else {
      upload = null;
      notes.push(`It was made with the uploaded file '${excerpt(uploadedFile || 'unnamed', 60)}', which configurations do not contain: load that file (Data → Upload CSV) to fit it.`);
    }
  }
  store.setState({ settings, view: decoded.view, lab: decoded.lab, upload, ...(upload ? {} : { preview: null }) });
  const tail = notes.length ? ` ${notes.join(' ')}` : '';
  store.getState().addNote('note', `Loaded the configuration '${name}'.${tail}`, SOURCE);
  return true;
}
