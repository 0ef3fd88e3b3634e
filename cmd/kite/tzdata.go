package main

// The IANA time zone database goes into the binary (about 450 KB), so
// TIMESTAMPTZ time zones ("Asia/Shanghai") work on machines and
// containers without /usr/share/zoneinfo.
import _ "time/tzdata"
