package service

import (
	"context"
	"time"

	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/catalog"
	"github.com/kite-db/kite/internal/timestamptz"
)

// Time zones of TIMESTAMPTZ fields (see internal/timestamptz): a read
// uses the request's "timezone" parameter, else the collection's
// "timezone" property, else UTC; a new collection copies its database's
// zone when it names none.

// Zone asks for the time zone a read of a collection uses. Requested is
// the request's timezone parameter ("" when absent).
type Zone struct{ DB, Collection, Requested string }

// Zone returns the time zone a read of a collection uses.
func (s *Service) Zone(_ context.Context, req Zone) (*time.Location, error) {
	if req.Requested != "" {
		loc, err := timestamptz.Zone(req.Requested)
		if err != nil {
			return nil, apierr.Invalid("%v", err)
		}
		return loc, nil
	}
	_, col, err := s.collection(req.DB, req.Collection)
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
