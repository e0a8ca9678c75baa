// Minimal types for pg-copy-streams (the package ships none; @types/pg-copy-streams is not installed).
declare module 'pg-copy-streams' {
  import { Duplex, Readable, Writable } from 'node:stream';
  import { Submittable } from 'pg';
  export interface CopyStreamQuery extends Writable, Submittable {
    rowCount: number;
  }
  export interface CopyToStreamQuery extends Readable, Submittable {
    rowCount: number;
  }
  export function from(text: string): CopyStreamQuery;
  export function to(text: string): CopyToStreamQuery;
  export function both(text: string): Duplex & Submittable;
}
