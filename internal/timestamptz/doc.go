// Package timestamptz holds the rules for TIMESTAMPTZ values (Milvus
// 2.6.4+) that every layer shares: how ISO 8601 text becomes microseconds
// since the Unix epoch, how microseconds become text again, which time zone
// applies, and the time_fields extraction.
//
// A TIMESTAMPTZ column always holds UTC microseconds. A time zone only
// decides how text without an offset is read (inserted values and ISO
// filter literals) and how values are shown (ISO strings with the zone's
// offset, or extracted components). The zone that applies is, highest
// first: the request's "timezone" parameter, the collection's "timezone"
// property, UTC. A database's "timezone" property is the default a new
// collection copies when it is created, as Milvus does; changing it later
// leaves existing collections alone.
//
//	loc, err := timestamptz.Zone("Asia/Shanghai")
//	us, err := timestamptz.Parse("2025-01-01 08:00:00", loc) // 2025-01-01T00:00:00Z
//	s := timestamptz.Format(us, loc)                          // 2025-01-01T08:00:00+08:00
package timestamptz
