package service

import (
	"testing"

	"github.com/kite-db/kite/internal/apierr"
)

func TestTimezoneLevels(t *testing.T) {
	s := openService(t)
	const bad = "unknown or invalid IANA Time Zone ID: Mars/Olympus"
	wantCode(t, s.CreateDatabase(t.Context(), CreateDatabase{DB: "tzdb", Properties: map[string]string{"timezone": "Mars/Olympus"}}), apierr.CodeParameterInvalid, bad)
	if err := s.CreateDatabase(t.Context(), CreateDatabase{DB: "tzdb", Properties: map[string]string{"timezone": "Asia/Shanghai"}}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.AlterDatabase(t.Context(), AlterDatabase{DB: "tzdb", Set: map[string]string{"database.timezone": "Mars/Olympus"}}), apierr.CodeParameterInvalid, bad)

	// A collection without a zone copies its database's.
	inherit := books()
	if err := s.CreateCollection(t.Context(), CreateCollection{DB: "tzdb", Schema: inherit}); err != nil {
		t.Fatal(err)
	}
	own := books()
	own.Name = "own"
	wantCode(t, s.CreateCollection(t.Context(), CreateCollection{DB: "tzdb", Schema: own, Properties: map[string]string{"timezone": "Mars/Olympus"}}), apierr.CodeParameterInvalid, bad)
	if err := s.CreateCollection(t.Context(), CreateCollection{DB: "tzdb", Schema: own, Properties: map[string]string{"timezone": "Europe/London"}}); err != nil {
		t.Fatal(err)
	}
	zone := func(coll, requested string) string {
		t.Helper()
		loc, err := s.Zone(t.Context(), Zone{DB: "tzdb", Collection: coll, Requested: requested})
		if err != nil {
			t.Fatal(err)
		}
		return loc.String()
	}
	if got := zone("books", ""); got != "Asia/Shanghai" {
		t.Errorf("inherited zone %s", got)
	}
	if got := zone("own", ""); got != "Europe/London" {
		t.Errorf("collection zone %s", got)
	}
	if got := zone("own", "America/Chicago"); got != "America/Chicago" {
		t.Errorf("request zone %s", got)
	}
	_, err := s.Zone(t.Context(), Zone{DB: "tzdb", Collection: "own", Requested: "Mars/Olympus"})
	wantCode(t, err, apierr.CodeParameterInvalid, bad)

	// Later changes to the database leave existing collections alone.
	if err := s.AlterDatabase(t.Context(), AlterDatabase{DB: "tzdb", Set: map[string]string{"timezone": "UTC"}}); err != nil {
		t.Fatal(err)
	}
	if got := zone("books", ""); got != "Asia/Shanghai" {
		t.Errorf("zone after database change %s", got)
	}
	wantCode(t, s.AlterCollection(t.Context(), AlterCollection{DB: "tzdb", Collection: "books", Set: map[string]string{"timezone": "Mars/Olympus"}}), apierr.CodeParameterInvalid, bad)
	if err := s.AlterCollection(t.Context(), AlterCollection{DB: "tzdb", Collection: "books", Set: map[string]string{"timezone": "Asia/Tokyo"}}); err != nil {
		t.Fatal(err)
	}
	if got := zone("books", ""); got != "Asia/Tokyo" {
		t.Errorf("altered zone %s", got)
	}
	if err := s.AlterCollection(t.Context(), AlterCollection{DB: "tzdb", Collection: "books", Remove: []string{"timezone"}}); err != nil {
		t.Fatal(err)
	}
	if got := zone("books", ""); got != "UTC" {
		t.Errorf("zone after drop %s", got)
	}
}
