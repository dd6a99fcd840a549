import { z } from "zod";

// Setting shapes shared by lib/env.ts and the settings kept beside it (lib/env-emergencies.ts).

/** A whole number from `min` to `max`, or `fallback` when unset. */
export const boundedInteger = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}, not "${value}".` });
        return z.NEVER;
      }
      return number;
    });
