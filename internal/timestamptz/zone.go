package timestamptz

import (
	"fmt"
	"strings"
	"time"
)

// PropertyKey is the database and collection property that names a time
// zone, and the query/search parameter that overrides it (Milvus's
// common.TimezoneKey). The documentation also spells the properties
// "database.timezone" and "collection.timezone"; both are read too.
const PropertyKey = "timezone"

// propertyKeys are the property names that carry a zone, canonical first.
var propertyKeys = []string{PropertyKey, "collection.timezone", "database.timezone"}

// IsPropertyKey tells whether a property names a time zone.
func IsPropertyKey(k string) bool {
	for _, p := range propertyKeys {
		if k == p {
			return true
		}
	}
	return false
}

// ErrZone is an unknown or malformed IANA time zone name; the text is
// Milvus's.
type ErrZone struct{ Name string }

func (e *ErrZone) Error() string { return "unknown or invalid IANA Time Zone ID: " + e.Name }

// Zone loads an IANA time zone ("Asia/Shanghai", "UTC"). Go's "Local" and
// the empty name are refused: they would depend on the server's machine.
func Zone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || strings.TrimSpace(name) != name {
		return nil, &ErrZone{name}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, &ErrZone{name}
	}
	return loc, nil
}

// FromProperties is the zone a set of properties names, or UTC. A bad
// name cannot be stored (CheckProperties refuses it), so it falls back to
// UTC rather than failing reads.
func FromProperties(props map[string]string) *time.Location {
	for _, k := range propertyKeys {
		if v, ok := props[k]; ok {
			if loc, err := Zone(v); err == nil {
				return loc
			}
		}
	}
	return time.UTC
}

// CheckProperties validates every time zone property in props.
func CheckProperties(props map[string]string) error {
	for _, k := range propertyKeys {
		if v, ok := props[k]; ok {
			if _, err := Zone(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// Inherit returns the collection properties with the database's zone
// added when the collection names none, as Milvus copies it at creation.
func Inherit(collection, database map[string]string) map[string]string {
	for _, k := range propertyKeys {
		if _, ok := collection[k]; ok {
			return collection
		}
	}
	for _, k := range propertyKeys {
		if v, ok := database[k]; ok {
			out := make(map[string]string, len(collection)+1)
			for ck, cv := range collection {
				out[ck] = cv
			}
			out[PropertyKey] = v
			return out
		}
	}
	return collection
}

// Resolve is the zone a read uses: the request's parameter when given,
// else the collection's.
func Resolve(requested string, collection map[string]string) (*time.Location, error) {
	if requested != "" {
		return Zone(requested)
	}
	return FromProperties(collection), nil
}

// String names a zone for messages.
func String(loc *time.Location) string {
	if loc == nil {
		return "UTC"
	}
	return fmt.Sprint(loc)
}
