//go:build !linux

package hugepages

func reserve(int) bool { return false }

func block(int) ([]byte, bool) { return nil, false }
