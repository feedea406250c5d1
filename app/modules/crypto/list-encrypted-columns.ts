import { DATA_MAP_MODELS } from "~/modules/data-map/data-map-registry";

export interface EncryptedColumn {
  table: string;
  column: string;
}

/**
 * Every database column the data map marks as encrypted at rest. Key rotation works from this
 * list, so a field cannot be encrypted without being rotated (the data-map test keeps the map
 * in step with the schema).
 */
export function listEncryptedColumns(): EncryptedColumn[] {
  return DATA_MAP_MODELS.filter((entry) => entry.kind === "model").flatMap((entry) =>
    Object.entries(entry.fields)
      .filter(([, field]) => field.encryptedAtRest)
      .map(([column]) => ({ table: entry.name, column })),
  );
}
