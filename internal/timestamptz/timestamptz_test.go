package timestamptz

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := Zone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParse(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	ny := mustZone(t, "America/New_York")
	cases := []struct {
		in   string
		loc  *time.Location
		want string // as UTC RFC 3339
	}{
		{"2025-01-01T08:00:00+08:00", ny, "2025-01-01T00:00:00Z"}, // an offset wins over the zone
		{"2025-01-01T00:00:00Z", sh, "2025-01-01T00:00:00Z"},
		{"2025-01-01T08:00:00", sh, "2025-01-01T00:00:00Z"},
		{"2025-01-01 08:00:00.5", sh, "2025-01-01T00:00:00.5Z"},
		{"2025-01-01", sh, "2024-12-31T16:00:00Z"},
		{"2025-07-01T12:00", ny, "2025-07-01T16:00:00Z"}, // daylight time: -04:00
		{"2025-01-01T12:00:00", nil, "2025-01-01T12:00:00Z"},
	}
	for _, c := range cases {
		us, err := Parse(c.in, c.loc)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := Format(us, nil); got != c.want {
			t.Errorf("Parse(%q, %v) = %s, want %s", c.in, c.loc, got, c.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2025-13-01", "2025-01-01T00:00:00+15:00", "2025-01-01T00:00:00-13:00"} {
		if _, err := Parse(bad, sh); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	us := time.Date(2025, 1, 1, 0, 0, 0, 123000, time.UTC).UnixMicro()
	cases := map[string]string{
		"UTC":                 "2025-01-01T00:00:00.000123Z",
		"Asia/Shanghai":       "2025-01-01T08:00:00.000123+08:00",
		"America/Los_Angeles": "2024-12-31T16:00:00.000123-08:00",
		"Asia/Kolkata":        "2025-01-01T05:30:00.000123+05:30",
	}
	for zone, want := range cases {
		if got := Format(us, mustZone(t, zone)); got != want {
			t.Errorf("Format in %s = %s, want %s", zone, got, want)
		}
	}
	if got := Format(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro(), nil); got != "2025-01-01T00:00:00Z" {
		t.Errorf("whole seconds: %s", got)
	}
}

func TestZone(t *testing.T) {
	for _, ok := range []string{"UTC", "Asia/Shanghai", "Europe/London", "America/Chicago", "Etc/GMT+5"} {
		if _, err := Zone(ok); err != nil {
			t.Errorf("Zone(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Local", "Invalid/Timezone", "invalid_timezone_for_test", " UTC", "+08:00", "../etc/passwd"} {
		_, err := Zone(bad)
		var ez *ErrZone
		if !errors.As(err, &ez) || err.Error() != "unknown or invalid IANA Time Zone ID: "+bad {
			t.Errorf("Zone(%q) = %v", bad, err)
		}
	}
}

func TestProperties(t *testing.T) {
	if got := FromProperties(nil); got != time.UTC {
		t.Errorf("no property: %v", got)
	}
	if got := FromProperties(map[string]string{"collection.timezone": "Asia/Tokyo"}).String(); got != "Asia/Tokyo" {
		t.Errorf("documented alias: %v", got)
	}
	if err := CheckProperties(map[string]string{"timezone": "Mars/Olympus"}); err == nil {
		t.Error("bad zone accepted")
	}
	if err := CheckProperties(map[string]string{"collection.ttl.seconds": "60"}); err != nil {
		t.Error(err)
	}
	got := Inherit(map[string]string{"a": "1"}, map[string]string{"timezone": "Asia/Shanghai"})
	if got["timezone"] != "Asia/Shanghai" || got["a"] != "1" {
		t.Errorf("Inherit: %v", got)
	}
	if got := Inherit(map[string]string{"timezone": "UTC"}, map[string]string{"timezone": "Asia/Shanghai"}); got["timezone"] != "UTC" {
		t.Errorf("collection zone overridden: %v", got)
	}
	if got := Inherit(nil, nil); got != nil {
		t.Errorf("nothing to inherit: %v", got)
	}
	loc, err := Resolve("", map[string]string{"timezone": "Asia/Shanghai"})
	if err != nil || loc.String() != "Asia/Shanghai" {
		t.Errorf("Resolve from collection: %v %v", loc, err)
	}
	if loc, err = Resolve("Europe/London", map[string]string{"timezone": "Asia/Shanghai"}); err != nil || loc.String() != "Europe/London" {
		t.Errorf("Resolve override: %v %v", loc, err)
	}
	if _, err = Resolve("nowhere", nil); err == nil {
		t.Error("Resolve accepted a bad name")
	}
}

func TestFields(t *testing.T) {
	parts, err := ParseFields("year, month,DAY hour  minute,second,microsecond")
	if err != nil {
		t.Fatal(err)
	}
	us := time.Date(2024, 12, 31, 16, 30, 5, 123456000, time.UTC).UnixMicro()
	if got, want := Extract(us, mustZone(t, "Asia/Shanghai"), parts), []int64{2025, 1, 1, 0, 30, 5, 123456}; !slices.Equal(got, want) {
		t.Errorf("Extract = %v, want %v", got, want)
	}
	if got := Extract(us, nil, parts[:3]); !slices.Equal(got, []int64{2024, 12, 31}) {
		t.Errorf("Extract in UTC = %v", got)
	}
	if p, err := ParseFields(" , "); err != nil || len(p) != 0 {
		t.Errorf("empty list: %v %v", p, err)
	}
	if _, err := ParseFields("year, week"); err == nil || err.Error() != "unsupported field for extraction: week, fields should be seprated by ',' or ' '" {
		t.Errorf("bad part: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-01-01T08:00:00+08:00", "2025-01-01 08:00:00.5", "2025-01-01", "2025-01-01T00:00", "x"} {
		f.Add(s)
	}
	sh, _ := Zone("Asia/Shanghai")
	f.Fuzz(func(t *testing.T, s string) {
		us, err := Parse(s, sh)
		if y := time.UnixMicro(us).UTC().Year(); err != nil || y < 2 || y > 9998 {
			return // four-digit years only: year 0 in UTC can be year -1 in a zone
		}
		// What Format writes, Parse reads back to the same instant; RFC
		// 3339 offsets have no seconds, so a local mean time offset such as
		// Shanghai's +08:05:43 before 1901 comes back within a minute.
		back, err := Parse(Format(us, sh), nil)
		if err != nil || back-us >= 60e6 || us-back >= 60e6 {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, us, Format(us, sh), back, err)
		}
	})
}
