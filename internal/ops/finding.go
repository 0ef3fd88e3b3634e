package ops

import (
	"fmt"
	"io"
	"strings"
)

// Severity ranks a finding.
type Severity string

// Severities, mildest first.
const (
	OK    Severity = "ok"
	Info  Severity = "info"
	Warn  Severity = "warn"
	Error Severity = "error"
)

func (s Severity) rank() int {
	switch s {
	case Info:
		return 1
	case Warn:
		return 2
	case Error:
		return 3
	}
	return 0
}

// Finding is one result of a check: what was found and how to fix it.
type Finding struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	Subject  string   `json:"subject,omitempty"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix,omitempty"`
}

// Findings is a list of findings.
type Findings []Finding

func (fs *Findings) add(check string, sev Severity, subject, fix, format string, args ...any) {
	*fs = append(*fs, Finding{Check: check, Severity: sev, Subject: subject, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// Worst is the highest severity in the list (OK when empty).
func (fs Findings) Worst() Severity {
	w := OK
	for _, f := range fs {
		if f.Severity.rank() > w.rank() {
			w = f.Severity
		}
	}
	return w
}

// Count returns how many findings have severity s.
func (fs Findings) Count(s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Print writes one line per finding, with its fix indented below.
func (fs Findings) Print(w io.Writer) {
	for _, f := range fs {
		subject := ""
		if f.Subject != "" {
			subject = f.Subject + ": "
		}
		fmt.Fprintf(w, "%-5s %-10s %s%s\n", strings.ToUpper(string(f.Severity)), f.Check, subject, f.Message)
		if f.Fix != "" {
			fmt.Fprintf(w, "      fix: %s\n", f.Fix)
		}
	}
}
