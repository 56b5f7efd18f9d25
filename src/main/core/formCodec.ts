/**
 * One codec between a form's zod schema and its table (issue #15 "Derive, don't repeat"): the columns to
 * select, in the schema's order, and the two conversions the database needs — a yes/no box is stored
 * 0/1, a list as JSON text. Everything else is stored as the form has it, so the camel view's row is
 * the form. Adding a field to a schema (and its column) is then all a record needs.
 */
import type { z } from 'zod';

type FlagKeys<F> = { [K in keyof F]-?: NonNullable<F[K]> extends boolean ? K : never }[keyof F];
type ListKeys<F> = { [K in keyof F]-?: NonNullable<F[K]> extends readonly unknown[] ? K : never }[keyof F];
type Encoded<F> = FlagKeys<F> | ListKeys<F>;

/** A form's fields as the table keeps them. */
export type Stored<F> = { [K in keyof F]: K extends FlagKeys<F> ? number : K extends ListKeys<F> ? string : F[K] };

export interface FormCodec<F, A extends string> {
  /** `alias.field` for every field, in the schema's order (audit rows and exchange content keep it). */
  readonly columns: readonly `${A}.${keyof F & string}`[];
  /** A selected row with the form's boxes and lists decoded; other columns pass. */
  decode<R extends Pick<Stored<F>, Encoded<F>>>(row: R): Omit<R, Encoded<F>> & Pick<F, Encoded<F>>;
  /** The form's fields (only those) as the table stores them. */
  encode(fields: F): Stored<F>;
}

type Kind = 'flag' | 'list';

type Def = z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; out?: z.core.$ZodType };

/**
 * What a field is once defaults, optionality and nullability are looked through, and a preprocessed
 * field by what it comes out as (`z.preprocess(blankToNull, z.boolean())` is still a box).
 */
function kindOf(field: z.core.$ZodType): Kind | null {
  let def = field._zod.def as Def;
  for (;;) {
    const next = def.type === 'pipe' ? def.out : WRAPPERS.includes(def.type) ? def.innerType : undefined;
    if (!next) break;
    def = next._zod.def as Def;
  }
  return def.type === 'boolean' ? 'flag' : def.type === 'array' ? 'list' : null;
}

const WRAPPERS = ['default', 'prefault', 'optional', 'nullable', 'readonly', 'nonoptional'];

export function formCodec<S extends z.ZodObject, A extends string, O extends keyof z.output<S> & string = never>(
  schema: S,
  alias: A,
  omit: readonly O[] = [],
): FormCodec<Omit<z.output<S>, O>, A> {
  type F = Omit<z.output<S>, O>;
  const keys = Object.keys(schema.shape).filter((k) => !(omit as readonly string[]).includes(k));
  const kinds = keys.flatMap((k) => {
    const kind = kindOf(schema.shape[k] as z.core.$ZodType);
    return kind ? [[k, kind] as const] : [];
  });
  return {
    columns: keys.map((k) => `${alias}.${k}`) as FormCodec<F, A>['columns'],
    decode(row) {
      const out: Record<string, unknown> = { ...row };
      for (const [k, kind] of kinds) out[k] = kind === 'flag' ? out[k] === 1 : JSON.parse(out[k] as string);
      return out as never;
    },
    encode(fields) {
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = (fields as Record<string, unknown>)[k];
      for (const [k, kind] of kinds) out[k] = kind === 'flag' ? (out[k] ? 1 : 0) : JSON.stringify(out[k]);
      return out as Stored<F>;
    },
  };
}
