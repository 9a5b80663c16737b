// Compile-time only (the main `tsc --noEmit`): the server's API types must still fit the
// declarations the page scripts are checked against (server/public/js/api.d.ts). Nothing runs.
import type { DocumentAlignment } from '../../glossary/align/document-alignment.ts';
import type { LookupResult } from '../../glossary/lookup/index.ts';
import type { ImportReport } from '../../db/interchange/import.ts';
import type * as Page from '../../server/public/js/api.d.ts';

type Fits<Server, Client> = Server extends Client ? true : never;

export const apiShapesFit: [
  Fits<DocumentAlignment, Page.AlignResponse>,
  Fits<LookupResult, Page.LookupResult>,
  Fits<ImportReport, Page.ImportReport>,
] = [true, true, true];
