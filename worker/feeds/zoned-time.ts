// ical-generator prints a native Date with TZID in the machine's zone, which is wrong. Given an
// object shaped like Temporal.ZonedDateTime it prints the wall-clock fields as they are; the
// catalogue already has each time as local wall time in its zone, so that is what we hand it.
import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { localToUtc, parseLocal, utcToLocal } from '../../model/time.ts';

/** `epochMs`, when the caller already knows the instant, saves converting the wall time again. */
export function zonedDateTime(local: string, zone: string, epochMs?: number): ICalTemporalZonedDateTimeStub {
  const p = parseLocal(local);
  if (!p) throw new RangeError(`not a local date-time: ${local}`);
  const epochMilliseconds = epochMs ?? localToUtc(local, zone).getTime();
  const fields = { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
  const date = local.slice(0, 10);
  const instant: ICalTemporalInstantStub = {
    epochMilliseconds,
    toJSON: () => new Date(epochMilliseconds).toISOString(),
    toString: () => new Date(epochMilliseconds).toISOString(),
    toZonedDateTimeISO: (other) => zonedDateTime(utcToLocal(epochMilliseconds, other), other),
  };
  const plain: ICalTemporalPlainDateTimeStub = {
    ...fields,
    toJSON: () => local,
    toString: () => local,
    toPlainDate: () => ({ year: p.year, month: p.month, day: p.day, toJSON: () => date, toString: () => date }),
    toZonedDateTime: (other) => zonedDateTime(local, other),
  };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: zone,
    toInstant: () => instant,
    toPlainDateTime: () => plain,
    withTimeZone: (other) => (other === zone ? zoned : zonedDateTime(utcToLocal(epochMilliseconds, other), other)),
    toJSON: () => `${local}[${zone}]`,
    toString: () => `${local}[${zone}]`,
  };
  return zoned;
}
