using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Portal.Migrations
{
    /// <inheritdoc />
    public partial class SigningProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "External",
                table: "SigningCertificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SignaturePlacesJson",
                table: "IssuedDocuments",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Signatures",
                table: "IssuedDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "SignatureImages",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "TEXT", nullable: false),
                    Image = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureImages", x => x.Owner);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SigningCertificates_Thumbprint",
                table: "SigningCertificates",
                column: "Thumbprint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignatureImages");

            migrationBuilder.DropIndex(
                name: "IX_SigningCertificates_Thumbprint",
                table: "SigningCertificates");

            migrationBuilder.DropColumn(
                name: "External",
                table: "SigningCertificates");

            migrationBuilder.DropColumn(
                name: "SignaturePlacesJson",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "Signatures",
                table: "IssuedDocuments");
        }
    }
}
