package sqlite_test

import (
	"testing"

	"github.com/factions/factions"
	"github.com/factions/factions/storetest"
)

func BenchmarkResolveGrowth(b *testing.B) {
	storetest.BenchmarkResolveGrowth(b, func(tb testing.TB) factions.Store { return MustOpen(tb) })
}
