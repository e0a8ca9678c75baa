import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ImportError', { description: 'One entry of an import error report.' })
export class ImportErrorType {
  @Field(() => Int, { nullable: true, description: 'Physical line (header = 1) or XLSX sheet row.' })
  line?: number | null;
  @Field(() => String, { nullable: true }) column?: string | null;
  @Field(() => String, { nullable: true, description: 'Cut to 80 characters; never personal data.' })
  value?: string | null;
  @Field({ description: 'Stable code, e.g. FTE_OUT_OF_RANGE.' }) code: string;
  @Field() message: string;
}

@ObjectType('ImportRecord', { description: 'One import attempt (kept for failed attempts too).' })
export class ImportRecordType {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field() mode: string;
  @Field({ description: 'running, succeeded, validated, rejected, failed, duplicate or abandoned' })
  outcome: string;
  @Field() fileName: string;
  @Field() fileSha256: string;
  @Field(() => [String]) orgCodes: string[];
  @Field(() => String, { nullable: true }) asAt?: string | null;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int) rowsImported: number;
  @Field(() => Int) rowsSkippedByRule: number;
  @Field(() => Int) rowsRejected: number;
  @Field(() => Int, { description: 'All errors; `errors` keeps the first 1,000.' }) errorCount: number;
  @Field(() => [ImportErrorType]) errors: ImportErrorType[];
  @Field(() => [String]) warnings: string[];
  @Field({ description: 'Details as JSON: skipped courses, unmapped areas of work, parameters.' })
  summaryJson: string;
  @Field(() => Int) durationMs: number;
  @Field() createdAt: string;
  @Field({ description: 'GET this path for the error report as CSV.' }) errorsCsvPath: string;
}

@ObjectType('ImportPage')
export class ImportPageType {
  @Field(() => [ImportRecordType]) items: ImportRecordType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor?: string | null;
  @Field() hasMore: boolean;
}

@ObjectType('ImportProgress', { description: 'A running import, as rows processed and % of bytes read.' })
export class ImportProgressType {
  @Field(() => ID) importId: string;
  @Field({ description: 'reading, loading, validating, writing, recomputing, then the outcome' })
  phase: string;
  @Field(() => Int) rowsProcessed: number;
  @Field(() => Float) bytesRead: number;
  @Field(() => Float) totalBytes: number;
  @Field(() => Float) percent: number;
  @Field() done: boolean;
}

@InputType('RunImportInput')
export class RunImportInput {
  @Field({ description: 'From POST /api/uploads.' }) uploadId: string;
  @Field({ description: 'staff, completions or primary_care' }) kind: string;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD (staff, unless the file has an As At Date column)',
  })
  asAt?: string | null;
  @Field(() => String, { nullable: true, description: 'When the file has no Organisation Code column.' })
  orgCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'all_or_nothing (default), validate_only or skip_invalid',
  })
  mode?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false: return once started and poll importProgress' })
  wait?: boolean | null;
}
