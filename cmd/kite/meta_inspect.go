package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/datadir"
	"github.com/kite-db/kite/internal/metasnap"
	"github.com/kite-db/kite/internal/ops"
	"github.com/kite-db/kite/internal/server"
)

func metaLsCmd() *cobra.Command {
	var f sourceFlags
	cmd := &cobra.Command{
		Use:   "ls [PREFIX]",
		Short: "List metadata keys under PREFIX (all keys by default) with their sizes",
		Args:  args(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			prefix := ""
			if len(args) == 1 {
				prefix = args[0]
			}
			v, err := f.source().Open(cmd.Context())
			if err != nil {
				return err
			}
			defer v.Close()
			keys, err := v.List(prefix)
			if err != nil {
				return err
			}
			if f.json {
				return printJSON(cmd.OutOrStdout(), keys)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			for _, k := range keys {
				fmt.Fprintf(tw, "%s\t%d B\n", k.Key, k.Bytes)
			}
			return tw.Flush()
		},
	}
	f.register(cmd, true)
	return cmd
}

func metaGetCmd() *cobra.Command {
	var f sourceFlags
	cmd := &cobra.Command{
		Use:   "get KEY",
		Short: "Print one metadata value as indented JSON",
		Args:  args(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := f.source().Open(cmd.Context())
			if err != nil {
				return err
			}
			defer v.Close()
			return v.Get(args[0], cmd.OutOrStdout())
		},
	}
	f.register(cmd, true)
	cmd.Flags().Lookup("json").Hidden = true // the value is JSON already
	return cmd
}

func metaVerifyCmd() *cobra.Command {
	var f sourceFlags
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that metadata, segment directories and files agree",
		Long: `Checks the metadata file (bbolt pages, format key, every value decodes), then that
every segment the metadata lists exists, opens and has the listed rows, every delete
file is intact, the WAL holds every record after the checkpoint, and reports files
the metadata does not know. Exits non-zero when it finds an error.`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			src := f.source()
			v, err := src.Open(cmd.Context())
			if err != nil {
				return err
			}
			defer v.Close()
			file, err := ops.CheckFile(v.Path)
			if err != nil {
				return err
			}
			cat, err := v.Catalog()
			if err != nil {
				return err
			}
			fs, sum, err := ops.Verify(src.Dir, cat)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if f.json {
				printJSON(w, map[string]any{"file": file, "via": v.Via, "summary": sum, "findings": fs})
				return findingsError(fs)
			}
			fs.Print(w)
			fmt.Fprintf(w, "verified %s (read from %s): %d collection(s), %d segment(s), %d row(s) in segments; %d error(s), %d warning(s)\n",
				src.Dir.Meta(), v.Via, sum.Collections, sum.Segments, sum.Rows, fs.Count(ops.Error), fs.Count(ops.Warn))
			return findingsError(fs)
		},
	}
	f.register(cmd, false)
	return cmd
}

func metaSnapshotsCmd() *cobra.Command {
	var dataDir string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "snapshots",
		Short: "List the automatic metadata snapshots, newest first",
		Args:  args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			d := datadir.Dir(dataDir)
			if err := ops.RequireDir(d); err != nil {
				return err
			}
			snaps, err := metasnap.List(d.Snapshots())
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), snaps)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			for _, s := range snaps {
				fmt.Fprintf(tw, "%s\t%s\t%d B\n", s.Path, s.Time.Local().Format(time.DateTime), s.Bytes)
			}
			if len(snaps) == 0 {
				fmt.Fprintln(tw, "no snapshots yet: the server takes one at start, after DDL and periodically")
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&dataDir, "data-dir", server.Default().DataDir, "Kite data directory")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
