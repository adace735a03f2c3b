//! Enums whose values are written as tokens (in files, settings and style classes): one
//! derive list and one case rule, shared by serde and strum so they cannot disagree, the values
//! in canonical order (`ALL`, the declaration order, which `Ord` follows too), and `key()` and
//! `from_key()`.

/// Defines a token enum: `token_enum! { /// doc  pub enum Name as "snake_case" { A, B, } }`.
macro_rules! token_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $case:literal {
            $( $(#[$vmeta:meta])* $variant:ident, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone,
            Copy,
            Debug,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            strum::IntoStaticStr,
            strum::EnumString,
        )]
        #[serde(rename_all = $case)]
        #[strum(serialize_all = $case)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in canonical order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The token written in files, settings and styles.
            pub fn key(self) -> &'static str {
                self.into()
            }

            /// The value a token names.
            pub fn from_key(key: &str) -> Option<Self> {
                key.parse().ok()
            }
        }
    };
}
