package index

import "context"

// checkRows is how many rows a search scores between looks at its
// context: well under a millisecond of work at common dimensions, so a
// cancelled search stops promptly, while the look (an atomic load) costs
// nothing measurable next to the scoring.
const checkRows = 4096

// canceller tells a search loop when to stop: it counts the rows scored
// and looks at ctx at the first count, then once every checkRows rows,
// never per row.
type canceller struct {
	ctx  context.Context
	left int // rows until the next look
}

func newCanceller(ctx context.Context) *canceller { return &canceller{ctx: ctx} }

// scored counts n more rows and, when a look is due, returns ctx.Err().
func (c *canceller) scored(n int) error {
	if c.left -= n; c.left > 0 {
		return nil
	}
	c.left = checkRows
	return c.ctx.Err()
}
