/*
 * machines/lib/utf8.rl - well-formed UTF-8 (RFC 3629 §4), shared by the byte
 * machines that include it (`include utf8 "lib/utf8.rl";`). Not a machine of its
 * own: nothing is generated from this file.
 *
 * Well-formed means: no overlong forms, no surrogates U+D800..DFFF, nothing
 * above U+10FFFF, no byte 0xC0, 0xC1 or 0xF5..0xFF. Machines that need fewer
 * characters (XML's Char production) subtract from these.
 */
%%{
	machine utf8;

	tail       = 0x80..0xbf;
	utf8_2     = 0xc2..0xdf tail;                        # U+0080..07FF
	utf8_3     = 0xe0 0xa0..0xbf tail                    # U+0800..0FFF, no overlong forms
	           | 0xe1..0xec tail tail                    # U+1000..CFFF
	           | 0xed 0x80..0x9f tail                    # U+D000..D7FF, no surrogates
	           | 0xee..0xef tail tail;                   # U+E000..FFFF
	utf8_4     = 0xf0 0x90..0xbf tail tail               # U+10000..3FFFF, no overlong forms
	           | 0xf1..0xf3 tail tail tail               # U+40000..FFFFF
	           | 0xf4 0x80..0x8f tail tail;              # U+100000..10FFFF, nothing above
	utf8_multi = utf8_2 | utf8_3 | utf8_4;
}%%
