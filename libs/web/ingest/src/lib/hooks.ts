// Typed hooks for the imports the user may see. The upload itself goes through uploadWithProgress
// (@aiwr/web-data-access), then follows the server's progress with IMPORT_PROGRESS / IMPORT_RECORD.
import { useQuery } from '@apollo/client/react';
import { IMPORT_HISTORY } from './imports.graphql';

/** Import attempts, newest first, `first` at a time (fetchMore with the end cursor for older ones). */
export const useImportHistory = (first: number) => useQuery(IMPORT_HISTORY, { variables: { first } });
