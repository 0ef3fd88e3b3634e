package bench

// Point is one measured point of a recall/QPS curve.
type Point struct {
	Search  string  `json:"search"` // "ef=64", "nprobe=8", "" for FLAT
	Threads int     `json:"threads"`
	NQ      int     `json:"nq,omitempty"` // queries per request; 0 means 1
	Recall  float64 `json:"recall"`
	QPS     float64 `json:"qps"`
	// CPUQPS is queries per CPU-second of the measuring process times
	// Threads: what the run reaches on idle cores. It is what the table
	// shows with --clock cpu, when other work shares the machine.
	CPUQPS float64 `json:"cpu_qps,omitempty"`
}

// Result is what one engine measured for one index configuration. Python
// (bench/compare.py) and the end-to-end program write the same JSON.
type Result struct {
	Engine        string            `json:"engine"` // kite, kite-e2e, faiss, hnswlib
	Index         string            `json:"index"`  // protocol type: FLAT, HNSW, IVF_FLAT, ...
	Params        map[string]string `json:"params"`
	BuildSeconds  float64           `json:"build_seconds"`
	BuildThreads  int               `json:"build_threads"`
	Build1TSecond float64           `json:"build_1t_seconds,omitempty"` // build again on one thread, where measured
	HeapBytes     int64             `json:"heap_bytes"`                 // Go heap (kite) or RSS (python) growth
	FileBytes     int64             `json:"file_bytes"`                 // saved index size; 0: nothing beyond the vectors
	Points        []Point           `json:"points"`
	Note          string            `json:"note,omitempty"`
}

// Report is a whole run: the protocol and every engine's results.
type Report struct {
	Dataset  string   `json:"dataset"`
	Metric   string   `json:"metric"`
	N        int      `json:"n"`
	Dim      int      `json:"dim"`
	NQ       int      `json:"nq"`
	LID      float64  `json:"lid,omitempty"`
	Threads  int      `json:"threads"`
	CPU      string   `json:"cpu"`
	Load     string   `json:"load,omitempty"` // load average before and after
	Clock    string   `json:"clock"`          // "wall" or "cpu": which QPS the table shows
	Results  []Result `json:"results"`
	Warnings []string `json:"warnings,omitempty"`
}
