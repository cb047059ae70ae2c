/*
 * tools/ia64sim/elf.c - load an ELF64 IA-64 executable into RAM.
 *
 * Each PT_LOAD segment goes to its physical address (p_paddr), its file
 * bytes copied and the rest (bss) zeroed.  The machine has no MMU yet, so
 * the program must be linked to run where it is loaded.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"

#ifndef EM_IA_64
#define EM_IA_64 50
#endif

uint64_t elf_load(struct machine *m, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 0;
	}
	Elf64_Ehdr eh;
	uint64_t entry = 0;
	if (fread(&eh, sizeof(eh), 1, f) != 1 ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_IA_64) {
		fprintf(stderr,
			"ia64sim: %s is not a little-endian ELF64 "
			"IA-64 file\n",
			path);
		goto out;
	}
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		if (fseek(f, (long)(eh.e_phoff + i * sizeof(ph)), SEEK_SET) ||
		    fread(&ph, sizeof(ph), 1, f) != 1) {
			fprintf(stderr,
				"ia64sim: %s: cannot read program "
				"header %u\n",
				path, i);
			goto out;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_paddr >= m->ram_size ||
		    ph.p_memsz > m->ram_size - ph.p_paddr ||
		    ph.p_filesz > ph.p_memsz) {
			fprintf(stderr,
				"ia64sim: %s: segment %u (%#llx, %llu "
				"bytes) does not fit in %llu MiB of RAM\n",
				path, i, (unsigned long long)ph.p_paddr,
				(unsigned long long)ph.p_memsz,
				(unsigned long long)(m->ram_size >> 20));
			goto out;
		}
		if (!m->image_hi || ph.p_paddr < m->image_lo)
			m->image_lo = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > m->image_hi)
			m->image_hi = ph.p_paddr + ph.p_memsz;
		uint8_t *dst = m->ram + ph.p_paddr;
		memset(dst, 0, ph.p_memsz);
		if (ph.p_filesz && (fseek(f, (long)ph.p_offset, SEEK_SET) ||
				    fread(dst, ph.p_filesz, 1, f) != 1)) {
			fprintf(stderr,
				"ia64sim: %s: segment %u is cut short\n", path,
				i);
			goto out;
		}
	}
	/* the code sections, for --list-bundles (linked where loaded) */
	for (unsigned i = 0; i < eh.e_shnum && m->ntext < 8; i++) {
		Elf64_Shdr sh;
		if (fseek(f, (long)(eh.e_shoff + i * sizeof(sh)), SEEK_SET) ||
		    fread(&sh, sizeof(sh), 1, f) != 1)
			break;
		if ((sh.sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) ==
			(SHF_ALLOC | SHF_EXECINSTR) &&
		    sh.sh_addr + sh.sh_size <= m->ram_size) {
			m->text[m->ntext].start = sh.sh_addr;
			m->text[m->ntext++].end = sh.sh_addr + sh.sh_size;
		}
	}
	entry = eh.e_entry;
	if (!entry)
		fprintf(stderr, "ia64sim: %s has no entry point\n", path);
out:
	fclose(f);
	return entry;
}
