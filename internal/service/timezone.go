package service

import (
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/timestamptz"
)

// Time zones of TIMESTAMPTZ fields (see internal/timestamptz): a read
// uses the request's "timezone" parameter, else the collection's
// "timezone" property, else UTC; a new collection copies its database's
// zone when it names none.

// Zone is the time zone a read of a collection uses. requested is the
// request's timezone parameter ("" when absent).
func (s *Service) Zone(db, collection, requested string) (*time.Location, error) {
	if requested != "" {
		loc, err := timestamptz.Zone(requested)
		if err != nil {
			return nil, apierr.Invalid("%v", err)
		}
		return loc, nil
	}
	_, col, err := s.collection(db, collection)
	if err != nil {
		return nil, err
	}
	return collectionZone(col), nil
}

func collectionZone(col *catalog.Collection) *time.Location {
	return timestamptz.FromProperties(col.Properties)
}

// checkZoneProperties refuses a database or collection property that
// names an unknown zone, with Milvus's message.
func checkZoneProperties(props map[string]string) error {
	if err := timestamptz.CheckProperties(props); err != nil {
		return apierr.Invalid("%v", err)
	}
	return nil
}
